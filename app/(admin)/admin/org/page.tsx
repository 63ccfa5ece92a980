import Link from "next/link";
import { RegionTable } from "@/app/components/RegionTable";
import { serverI18n } from "@/lib/i18n/server";
import { getNetwork, listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { CreateRegionForm, CreateSubprojectForm } from "./UnitForms";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("org.title") };
}

export default async function OrgPage() {
  const today = todayInBerlin();
  const regions = await load(listRegions, { at: today });
  const { network, nationalSubprojects, national } = await load(getNetwork, { at: today });
  const { t, format } = await serverI18n();
  const permanent = regions.reduce((s, r) => s + r.contactPointsPermanent, national.contactPointsPermanent);
  const mobile = regions.reduce((s, r) => s + r.contactPointsMobile, national.contactPointsMobile);
  const activeRegions = regions.filter((r) => !r.activeUntil || r.activeUntil >= today);
  return (
    <section>
      <h1>{network?.name ?? t("org.title")}</h1>
      <p>
        {t("org.summary", {
          regions: format.number(activeRegions.length),
          subprojects: format.number(regions.reduce((s, r) => s + r.subprojects, national.subprojects)),
          contactPoints: format.number(permanent + mobile),
          permanent: format.number(permanent),
          mobile: format.number(mobile),
          date: format.dateTime(new Date(`${today}T12:00:00Z`), { dateStyle: "long" }),
        })}
      </p>
      <p className="actions">
        <Link href="/admin/org/subprojects">{t("org.allSubprojects")}</Link>
      </p>
      <h2>{t("org.regionsTitle")}</h2>
      <RegionTable regions={regions} national={national} linkTo={(id) => `/admin/org/${id}`} />
      <h2>{t("org.nationalTitle")}</h2>
      <ul>
        {nationalSubprojects.map((s) => (
          <li key={s.id}>
            <Link href={`/admin/org/${s.id}`}>{s.name}</Link> <span className="muted">({t(`priorityAreas.${s.priorityArea}`)})</span>
          </li>
        ))}
      </ul>
      <div className="grid-2">
        <CreateRegionForm today={today} />
        {network && <CreateSubprojectForm key={`sub:${network.id}`} parentId={network.id} today={today} />}
      </div>
    </section>
  );
}
