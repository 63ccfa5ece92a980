import Link from "next/link";
import { notFound } from "next/navigation";
import { getClient } from "@/lib/clients/queries";
import { serverI18n } from "@/lib/i18n/server";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { kindBySlug } from "@/lib/records/kinds";
import { load, perform } from "@/lib/server";
import { myUnits, unitsOf } from "../../../_components/context";
import { CaseLink } from "../../../_components/CaseLink";
import { DeleteRecord } from "../../../_components/DeleteRecord";
import { EditRecordForm } from "../../../_components/EditRecordForm";
import { clientLabel, day, layoutOf, recordRows, schemeTitle, type ClientOption, type Names } from "../../../_components/display";
import { History } from "./History";
import { PersonalLink } from "../../../_components/PersonalLink";

type Params = { params: Promise<{ kind: string; id: string }> };

export async function generateMetadata({ params }: Params) {
  const spec = kindBySlug((await params).kind);
  const { t } = await serverI18n();
  return { title: spec ? t(`recordKinds.${spec.kind}.name`) : t("status.notFoundTitle") };
}

export default async function RecordPage({ params }: Params) {
  const { kind, id } = await params;
  const spec = kindBySlug(kind);
  if (!spec) notFound();
  const ops = RECORD_OPERATIONS[spec.kind];
  // Another adviser's record, a deleted one or a malformed id: all answer 404.
  const record = await load(ops.get, { id });
  const { t, format } = await serverI18n();
  const [units, versions] = await Promise.all([myUnits(t), load(ops.versions, { id })]);
  // The record's own client, named on the page and first in the picker (which asks the server for others as one types).
  const clients: ClientOption[] = [];
  const names: Names = { units: units.names, clients: {}, schemes: {} };
  if (record.clientId) {
    const found = await perform(getClient, { id: record.clientId });
    if (found.ok) {
      const c = found.value.client;
      clients.push({ id: c.id, ref: c.ref, fullName: c.fullName });
      names.clients![c.id] = clientLabel(c);
    }
  }
  if (record.parentId) {
    const scheme = await perform(RECORD_OPERATIONS.job_training_scheme.get, { id: record.parentId });
    if (scheme.ok) names.schemes![record.parentId] = `${schemeTitle(scheme.value)} (${day(format, scheme.value.occurredOn)})`;
  }
  const title = t(`recordKinds.${spec.kind}.name`);

  return (
    <section>
      <p>
        <Link href={`/cases/records/${spec.slug}`}>{t(`recordKinds.${spec.kind}.plural`)}</Link>
        {record.clientId && (
          <>
            {" · "}
            <CaseLink id={record.clientId}>{t("records.toClient", { client: names.clients![record.clientId] ?? "" })}</CaseLink>
          </>
        )}
        {spec.kind === "job_training_scheme" && (
          <>
            {" · "}
            <PersonalLink href={`/cases/records/enrolments/new?scheme=${record.id}`}>{t("records.enrolInScheme")}</PersonalLink>
          </>
        )}
      </p>
      <h1>
        {title}, {day(format, record.occurredOn)}
      </h1>
      <dl className="facts">
        {recordRows(t, format, spec, record, names).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <div className="grid-2">
        <EditRecordForm spec={layoutOf(spec)} record={record} context={{ units: unitsOf(units, spec), clients }} names={names} />
        <div>
          <h2>{t("records.history")}</h2>
          <History t={t} format={format} spec={spec} names={names} versions={versions} />
          <DeleteRecord kind={spec.kind} id={record.id} version={record.version} listHref={`/cases/records/${spec.slug}`} occurredOn={record.occurredOn} clientId={record.clientId} />
        </div>
      </div>
    </section>
  );
}
