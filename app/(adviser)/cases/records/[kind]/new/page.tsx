import Link from "next/link";
import { notFound } from "next/navigation";
import { FIELD_FORM_SLUGS } from "@/app/components/offline/constants";
import { OfflineQueue } from "@/app/components/offline/OfflineQueue";
import { currentActor } from "@/lib/auth/session";
import { getClient } from "@/lib/clients/queries";
import { serverI18n } from "@/lib/i18n/server";
import { kindBySlug } from "@/lib/records/kinds";
import { perform } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { myUnits, schemeOptions, unitsOf } from "../../../_components/context";
import { CreateRecordForm } from "../../../_components/CreateRecordForm";
import { day, layoutOf } from "../../../_components/display";

export async function generateMetadata({ params }: { params: Promise<{ kind: string }> }) {
  const spec = kindBySlug((await params).kind);
  const { t } = await serverI18n();
  return { title: spec ? t(`recordKinds.${spec.kind}.new`) : t("status.notFoundTitle") };
}

/** The generic form of a kind, drawn from its field list; `?client=` and `?scheme=` preselect. */
export default async function NewRecordPage({ params, searchParams }: { params: Promise<{ kind: string }>; searchParams: Promise<{ client?: string; scheme?: string }> }) {
  const spec = kindBySlug((await params).kind);
  if (!spec) notFound();
  const search = await searchParams;
  const { t, format } = await serverI18n();
  const units = await myUnits(t);
  // The picker asks the server as one types; only a client the link names (?client=) is read here.
  const preselected = spec.clientBased && typeof search.client === "string" ? await perform(getClient, { id: search.client }) : null;
  const clients = preselected?.ok ? [{ id: preselected.value.client.id, ref: preselected.value.client.ref, fullName: preselected.value.client.fullName }] : [];
  const schemes = spec.unitLevel === "scheme" ? await schemeOptions((d) => day(format, d)) : undefined;
  const options = unitsOf(units, spec);
  // The forms used in the field save into the browser's queue when offline (README, "Offline use").
  const actor = await currentActor();
  const offlineUserId = actor && (FIELD_FORM_SLUGS as readonly string[]).includes(spec.slug) ? actor.userId : undefined;
  const defaults: Record<string, unknown> = {
    occurredOn: todayInBerlin(),
    unitId: options[0]?.value,
    clientId: preselected?.ok ? preselected.value.client.id : undefined,
    schemeId: typeof search.scheme === "string" && schemes?.some((s) => s.value === search.scheme) ? search.scheme : undefined,
    ...(spec.kind === "advice_session" || spec.kind === "fair_integration_session" ? { channel: "in_person" } : {}),
    ...(spec.kind === "enrolment" ? { outcome: "ongoing" } : {}),
  };

  return (
    <section>
      <p>
        <Link href={`/cases/records/${spec.slug}`}>{t(`recordKinds.${spec.kind}.plural`)}</Link>
      </p>
      <h1>{t(`recordKinds.${spec.kind}.new`)}</h1>
      <p className="hint">{t(`recordKinds.${spec.kind}.description`)}</p>
      {offlineUserId && <OfflineQueue userId={offlineUserId} slug={spec.slug} />}
      {spec.unitLevel !== "scheme" && options.length === 0 ? (
        <p>{t("records.noUnits")}</p>
      ) : (
        <CreateRecordForm spec={layoutOf(spec)} idPrefix="record" title={t("records.details")} context={{ units: options, clients, schemes, offlineUserId }} defaults={defaults} offlineUserId={offlineUserId} />
      )}
    </section>
  );
}
