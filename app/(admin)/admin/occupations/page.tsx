import Link from "next/link";
import { serverI18n } from "@/lib/i18n/server";
import { listOccupations } from "@/lib/occupations";
import { load } from "@/lib/server";
import { requireCatalogueManager } from "./access";
import { ActiveToggle, CreateOccupationForm } from "./OccupationForms";
import { ListSearch } from "@/app/components/ListSearch";
import { TableScroll } from "@/app/components/TableScroll";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("occupations.title") };
}

export default async function OccupationsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireCatalogueManager();
  const { q: rawQ } = await searchParams;
  const q = typeof rawQ === "string" ? rawQ.trim().slice(0, 100) || undefined : undefined;
  const occupations = await load(listOccupations, { q });
  const { t, format } = await serverI18n();
  return (
    <section>
      <h1>{t("occupations.title")}</h1>
      <p>{t("occupations.intro")}</p>
      <ListSearch
        action="/admin/occupations"
        id="occupation-search"
        label={t("occupations.search")}
        hint={t("occupations.searchHint")}
        q={q}
        count={occupations.length}
        all={t("occupations.count", { count: format.number(occupations.length) })}
      />
      {occupations.length === 0 ? (
        !q && <p>{t("occupations.empty")}</p>
      ) : (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("occupations.nameDe")}</th>
                <th scope="col">{t("occupations.nameEn")}</th>
                <th scope="col">{t("occupations.kldb")}</th>
                <th scope="col">{t("occupations.status")}</th>
                <th scope="col">{t("occupations.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {occupations.map((o) => (
                <tr key={o.id}>
                  <td lang="de">{o.nameDe}</td>
                  <td lang="en">{o.nameEn}</td>
                  <td>{o.kldbCode ?? t("occupations.none")}</td>
                  <td>{o.active ? t("occupations.active") : t("occupations.inactive")}</td>
                  <td>
                    <Link href={`/admin/occupations/${o.id}`} aria-label={t("occupations.editNamed", { name: o.nameDe })}>
                      {t("occupations.edit")}
                    </Link>{" "}
                    <ActiveToggle occupation={{ id: o.id, nameDe: o.nameDe, nameEn: o.nameEn, kldbCode: o.kldbCode, active: o.active }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <CreateOccupationForm />
    </section>
  );
}
