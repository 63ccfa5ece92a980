import Link from "next/link";
import { RegionTable } from "@/app/components/RegionTable";
import { currentActor } from "@/lib/auth/session";
import { serverI18n } from "@/lib/i18n/server";
import { listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("nav.reports") };
}

export default async function CoordinatorHome() {
  const regions = await load(listRegions);
  const actor = await currentActor();
  const { t, format } = await serverI18n();
  const title = actor?.role === "regional_coordinator" ? t("home.regionTitle") : t("home.networkTitle");
  return (
    <section>
      <h1>{title}</h1>
      <p>
        <Link href="/reports/figures">{t("figures.homeLink")}</Link>
      </p>
      <p>{t("home.coordinatorIntro", { date: format.dateTime(new Date(`${todayInBerlin()}T12:00:00Z`), { dateStyle: "long" }) })}</p>
      <RegionTable regions={regions} />
    </section>
  );
}
