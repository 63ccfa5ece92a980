import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { figuresBreakdown } from "@/lib/figures/report";
import { breakdownOf, figuresParams, figuresQuery, figuresSearch, type SearchParams } from "@/lib/figures/request";
import { SUPPRESSED } from "@/lib/figures/presentation";
import { serverI18n } from "@/lib/i18n/server";
import { listRegions } from "@/lib/org/queries";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { FiguresForm } from "../_components/FiguresForm";
import { scopeName, scopeOptions } from "../_components/scopes";
import { cellText, dayText } from "../_components/view";
import styles from "../figures.module.css";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: `${t("figures.breakdown.title")} · ${t("figures.title")}` };
}

export default async function BreakdownPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const today = todayInBerlin();
  const search = await searchParams;
  const params = figuresParams(search, today);
  const by = breakdownOf(search);
  const breakdown = await load(figuresBreakdown, { ...figuresQuery(params, today), by });
  const [regionList, actor] = await Promise.all([load(listRegions), currentActor()]);
  const { t, format, locale } = await serverI18n();
  const scopes = scopeOptions(actor, regionList, t, locale);
  const byLabel = t(`figures.by.${by}`);
  const scope = scopeName(breakdown.scope, scopes, t);

  return (
    <article className={styles.report}>
      <p className={styles.noPrint}>
        <Link href={`/reports/figures?${figuresSearch(params)}`}>{t("figures.breakdown.back")}</Link>
      </p>
      <h1>{t("figures.breakdown.heading", { by: byLabel })}</h1>
      <p className={styles.subtitle}>{t("figures.heading", { scope, year: params.year })}</p>
      <p>
        {t("figures.period", { from: dayText(format, breakdown.period.from), to: dayText(format, breakdown.period.to) })}.{" "}
        {t("figures.asOfLine", { asOf: dayText(format, breakdown.asOf), completersAsOf: dayText(format, breakdown.completersAsOf) })}.
      </p>
      <p className={styles.intro}>{t("figures.breakdown.intro")}</p>
      <FiguresForm t={t} params={params} scopes={scopes} currentYear={Number(today.slice(0, 4))} by={by} />
      <div className={`actions ${styles.noPrint}`} role="group" aria-label={t("figures.actions.label")}>
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { by, format: "csv" })}`} download>
          {t("figures.actions.csv")}
        </a>
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { by, format: "xlsx" })}`} download>
          {t("figures.actions.xlsx")}
        </a>
      </div>
      {breakdown.rows.length === 0 && <p>{t("figures.breakdown.empty")}</p>}
      <div className={`${styles.chart} ${styles.scroll}`} role="region" aria-label={t("figures.breakdown.scrollRegion")} tabIndex={0}>
        <table>
          <caption>{t("figures.breakdown.caption", { scope, year: params.year, by: byLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{byLabel}</th>
              {breakdown.keys.map((k) => (
                <th key={k} scope="col" className="num">
                  {t(`figures.labels.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {breakdown.rows.map((r) => (
              <tr key={r.group}>
                <th scope="row">{r.label}</th>
                {breakdown.keys.map((k) => (
                  <td key={k} className="num">
                    {cellText(format, r.cells[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{breakdown.total.label}</th>
              {breakdown.keys.map((k) => (
                <td key={k} className="num">
                  {cellText(format, breakdown.total.cells[k])}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className={styles.source}>
        {t("figures.provenance", { source: t("figures.sources.records"), date: dayText(format, breakdown.asOf) })}. {t("figures.suppressedHint", { mark: SUPPRESSED })}
      </p>
    </article>
  );
}
