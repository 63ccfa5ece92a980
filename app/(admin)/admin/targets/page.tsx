import { forbidden, redirect } from "next/navigation";
import { hasPermission } from "@/lib/auth/permissions";
import { currentActor } from "@/lib/auth/session";
import { listTargets } from "@/lib/figures/targets";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { TargetForm, type TargetRow } from "./TargetForm";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("targets.title") };
}

export default async function TargetsPage() {
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=/admin/targets");
  if (!hasPermission(actor, "targets.manage")) forbidden();
  const targets = await load(listTargets);
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("targets.title")}</h1>
      <p>{t("targets.intro")}</p>
      {targets.map((target) => (
        <TargetForm key={target.key} target={target as TargetRow} />
      ))}
    </section>
  );
}
