import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listSubprojects } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { ListSearch } from "@/app/components/ListSearch";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("org.subprojectsTitle") };
}

export default async function SubprojectsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const { q: rawQ } = await searchParams;
  const q = typeof rawQ === "string" ? rawQ.trim().slice(0, 100) || undefined : undefined;
  const rows = await load(listSubprojects, { at: todayInBerlin(), q });
  const { t, format } = await serverI18n();
  return (
    <section>
      <h1>{t("org.subprojectsTitle")}</h1>
      <ListSearch
        action="/admin/org/subprojects"
        id="subproject-search"
        label={t("org.searchSubprojects")}
        hint={t("org.searchSubprojectsHint")}
        q={q}
        count={rows.length}
        all={t("org.subprojectsCount", { count: format.number(rows.length) })}
        testId="subproject-count"
      />
      {rows.length > 0 && (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("org.name")}</th>
                <th scope="col">{t("org.region")}</th>
                <th scope="col">{t("org.priorityArea")}</th>
                <th scope="col">{t("org.provider")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ unit, regionName }) => (
                <tr key={unit.id}>
                  <td>
                    <Link href={`/admin/org/${unit.id}`}>{unit.name}</Link>
                  </td>
                  <td>{regionName ?? t("org.national")}</td>
                  <td>{unit.priorityArea && t(`priorityAreas.${unit.priorityArea}`)}</td>
                  <td>{unit.provider}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
