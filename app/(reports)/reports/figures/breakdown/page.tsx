import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { figuresBreakdown } from "@/lib/figures/report";
import { figuresQuery, figuresSearch, formValues, readFiguresRequest, type SearchParams } from "@/lib/figures/request";
import { figuresLatestYear } from "@/lib/figures/years";
import { SUPPRESSED } from "@/lib/figures/presentation";
import { serverI18n } from "@/lib/i18n/server";
import { listRegions } from "@/lib/org/queries";
import { load, loadOrRefuse } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { FiguresForm } from "../_components/FiguresForm";
import { scopeName, scopeOptions } from "../_components/scopes";
import { BreakdownTable, printParts } from "../_components/BreakdownTable";
import { dayText, periodName } from "../_components/view";
import styles from "../figures.module.css";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: `${t("figures.breakdown.title")} · ${t("figures.title")}` };
}

export default async function BreakdownPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const today = todayInBerlin();
  const { t, format, locale } = await serverI18n();
  const request = await readFiguresRequest(await searchParams, { t, today, latestYear: () => load(figuresLatestYear) });
  const currentYear = Number(today.slice(0, 4));
  const answer = request.ok ? await loadOrRefuse(figuresBreakdown, { ...figuresQuery(request.params), by: request.by }) : null;
  if (!request.ok || !answer?.ok) {
    const scopes = scopeOptions(await currentActor(), await load(listRegions), t, locale);
    const refused = request.ok ? { values: formValues(request.params, request.by), fieldErrors: answer && !answer.ok ? answer.fieldErrors : {} } : request;
    return (
      <article className={styles.report}>
        <h1>{t("figures.breakdown.title")}</h1>
        <p className={styles.intro}>{t("figures.breakdown.intro")}</p>
        <FiguresForm t={t} values={refused.values} errors={refused.fieldErrors} scopes={scopes} currentYear={currentYear} by={request.ok ? request.by : "region"} />
      </article>
    );
  }
  const { params, by } = request;
  const breakdown = answer.value;
  const [regionList, actor] = await Promise.all([load(listRegions), currentActor()]);
  const scopes = scopeOptions(actor, regionList, t, locale);
  const byLabel = t(`figures.by.${by}`);
  const scope = scopeName(breakdown.scope, scopes, t);
  const period = periodName(t, format, params);
  const caption = t("figures.breakdown.caption", { scope, period, by: byLabel });
  const parts = printParts(breakdown.keys);

  return (
    <article className={styles.report}>
      <p className={styles.noPrint}>
        <Link href={`/reports/figures?${figuresSearch(params)}`}>{t("figures.breakdown.back")}</Link>
      </p>
      <h1>{t("figures.breakdown.heading", { by: byLabel })}</h1>
      <p className={styles.subtitle}>{t("figures.heading", { scope, period })}</p>
      <p>
        {t("figures.period", { from: dayText(format, breakdown.period.from), to: dayText(format, breakdown.period.to) })}.{" "}
        {t("figures.asOfLine", { asOf: dayText(format, breakdown.asOf), completersAsOf: dayText(format, breakdown.completersAsOf) })}.
      </p>
      <p className={styles.intro}>{t("figures.breakdown.intro")}</p>
      <FiguresForm t={t} values={formValues(params, by)} scopes={scopes} currentYear={currentYear} by={by} />
      <div className={`actions ${styles.noPrint}`} role="group" aria-label={t("figures.actions.label")}>
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { by, format: "csv" })}`} download>
          {t("figures.actions.csv")}
        </a>
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { by, format: "xlsx" })}`} download>
          {t("figures.actions.xlsx")}
        </a>
      </div>
      {breakdown.rows.length === 0 && <p>{t("figures.breakdown.empty")}</p>}
      <div className={`${styles.chart} ${styles.scroll} ${styles.screenOnly}`} role="region" aria-label={t("figures.breakdown.scrollRegion")} tabIndex={0}>
        <BreakdownTable caption={caption} byLabel={byLabel} keys={breakdown.keys} breakdown={breakdown} t={t} format={format} />
      </div>
      <div className={styles.printOnly}>
        {parts.map((keys, i) => (
          <div key={keys[0]} className={styles.chart}>
            <BreakdownTable caption={t("figures.breakdown.part", { caption, part: String(i + 1), parts: String(parts.length) })} byLabel={byLabel} keys={keys} breakdown={breakdown} t={t} format={format} />
          </div>
        ))}
      </div>
      <p className={styles.source}>
        {t("figures.provenance", { source: t("figures.sources.records"), date: dayText(format, breakdown.asOf) })}. {t("figures.suppressedHint", { mark: SUPPRESSED })}
      </p>
    </article>
  );
}
