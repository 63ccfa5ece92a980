import Link from "next/link";
import { DuplicateCountsTable } from "@/app/components/DuplicateCountsTable";
import { RegionTable } from "@/app/components/RegionTable";
import { duplicateCounts } from "@/lib/clients/duplicates";
import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";
import { getNetwork, listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("nav.reports") };
}

export default async function CoordinatorHome() {
  const today = todayInBerlin();
  const regions = await load(listRegions, { at: today });
  const actor = await currentActor();
  const regional = actor?.role === "regional_coordinator";
  // The whole network also has the national subprojects, which belong to no region.
  const national = regional ? undefined : (await load(getNetwork, { at: today })).national;
  const duplicates = await load(duplicateCounts, {});
  const { t, format } = await serverI18n();
  const title = regional ? t("home.regionTitle") : t("home.networkTitle");
  return (
    <section>
      <h1>{title}</h1>
      <p>
        <Link href="/reports/figures">{t("figures.homeLink")}</Link>
      </p>
      <p>
        <Link href="/reports/editions">{t("editions.homeLink")}</Link>
      </p>
      <p>{t("home.coordinatorIntro", { date: format.dateTime(new Date(`${today}T12:00:00Z`), { dateStyle: "long" }) })}</p>
      <RegionTable regions={regions} national={national} />
      <DuplicateCountsTable rows={duplicates} />
    </section>
  );
}
