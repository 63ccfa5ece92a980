import Link from "next/link";
import type { RegionSummary, UnitCounts } from "@/lib/org/queries";
import { serverI18n } from "@/lib/i18n/server";
import { TableScroll } from "./TableScroll";

/**
 * Regional networks with their active subprojects and contact points, and a total row. With
 * `national` (the units in no region) a row of their own, and the total counts them too, as the
 * figures' organisation.subprojects does.
 */
export async function RegionTable({ regions, national, linkTo }: { regions: RegionSummary[]; national?: UnitCounts; linkTo?: (id: string) => string }) {
  const { t, format, locale } = await serverI18n();
  const n = (v: number) => format.number(v);
  const rows: UnitCounts[] = national ? [...regions, national] : regions;
  const sum = (f: (r: UnitCounts) => number) => rows.reduce((s, r) => s + f(r), 0);
  const counts = (r: UnitCounts) => (
    <>
      <td className="num">{n(r.subprojects)}</td>
      <td className="num">{n(r.contactPointsPermanent + r.contactPointsMobile)}</td>
      <td className="num">{n(r.contactPointsPermanent)}</td>
      <td className="num">{n(r.contactPointsMobile)}</td>
    </>
  );
  return (
    <TableScroll>
      <table>
        <caption className="muted">{t("home.regionalNetworks")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("org.code")}</th>
            <th scope="col">{t("org.name")}</th>
            <th scope="col" className="num">{t("home.subprojects")}</th>
            <th scope="col" className="num">{t("home.contactPoints")}</th>
            <th scope="col" className="num">{t("home.permanent")}</th>
            <th scope="col" className="num">{t("home.mobile")}</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => {
            const label = locale === "en" && r.nameEn ? r.nameEn : r.name;
            return (
              <tr key={r.id}>
                <td>{r.code}</td>
                <td>{linkTo ? <Link href={linkTo(r.id)}>{label}</Link> : label}</td>
                {counts(r)}
              </tr>
            );
          })}
        </tbody>
        {rows.length > 1 && (
          <tfoot>
            {national && (
              <tr>
                <th scope="row" colSpan={2}>
                  {t("org.nationalTitle")}
                </th>
                {counts(national)}
              </tr>
            )}
            <tr>
              <th scope="row" colSpan={2}>
                {national ? t("home.networkTotal") : `${n(regions.length)} ${t("home.regionalNetworks")}`}
              </th>
              <td className="num">{n(sum((r) => r.subprojects))}</td>
              <td className="num">{n(sum((r) => r.contactPointsPermanent + r.contactPointsMobile))}</td>
              <td className="num">{n(sum((r) => r.contactPointsPermanent))}</td>
              <td className="num">{n(sum((r) => r.contactPointsMobile))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </TableScroll>
  );
}
