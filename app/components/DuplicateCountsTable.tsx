import type { DuplicateCountRow, SmallCount } from "@/lib/clients/duplicates";
import { serverI18n } from "@/lib/i18n/server";
import { TableScroll } from "./TableScroll";

/** Per regional network, clients linked as one person with a client elsewhere and suspected ones; 1 and 2 shown as <3. */
export async function DuplicateCountsTable({ rows }: { rows: DuplicateCountRow[] }) {
  const { t, format, locale } = await serverI18n();
  const cell = (c: SmallCount) => (c.suppressed ? "<3" : format.number(c.value ?? 0));
  return (
    <section aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t("home.duplicatesTitle")}</h2>
      <p className="hint">{t("home.duplicatesIntro")}</p>
      <TableScroll>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("org.code")}</th>
              <th scope="col">{t("org.name")}</th>
              <th scope="col" className="num">
                {t("home.duplicatesLinked")}
              </th>
              <th scope="col" className="num">
                {t("home.duplicatesSuspected")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.regionId ?? "national"}>
                <td>{r.code}</td>
                <th scope="row">{r.regionId ? (locale === "en" && r.nameEn ? r.nameEn : r.name) : t("home.duplicatesNational")}</th>
                <td className="num">{cell(r.linked)}</td>
                <td className="num">{cell(r.suspected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
