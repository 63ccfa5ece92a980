import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { COUNT_FIGURES } from "@/lib/figures/definitions";
import { figuresDrilldown } from "@/lib/figures/drilldown";
import { SUPPRESSED } from "@/lib/figures/presentation";
import { definitionAnchor, figureDefinition } from "@/lib/figures/registry";
import { figuresQuery, figuresSearch, readFiguresRequest, type SearchParams } from "@/lib/figures/request";
import { figuresLatestYear } from "@/lib/figures/years";
import { serverI18n } from "@/lib/i18n/server";
import { load } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { cellText, dayText, periodName } from "../_components/view";
import styles from "../figures.module.css";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: `${t("figures.drilldown.title")} · ${t("figures.title")}` };
}

const DRILLABLE = new Set(COUNT_FIGURES.map((f) => f.key));

/** One figure down the org tree, one level per page: each unit links to the units below it. */
export default async function DrilldownPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { t, format, locale } = await serverI18n();
  const search = await searchParams;
  const figure = typeof search.figure === "string" ? search.figure : "";
  const request = await readFiguresRequest(search, { t, today: todayInBerlin(), latestYear: () => load(figuresLatestYear) });
  if (!DRILLABLE.has(figure) || !request.ok) {
    return (
      <article className={styles.report}>
        <h1>{t("figures.drilldown.title")}</h1>
        <p role="alert">{!DRILLABLE.has(figure) ? t("figures.drilldown.unknownFigure") : Object.values(request.ok ? {} : request.fieldErrors).flat().join(" ")}</p>
        <p>
          <Link href="/reports/figures">{t("figures.breakdown.back")}</Link>
        </p>
      </article>
    );
  }
  const { params } = request;
  const drilldown = await load(figuresDrilldown, { ...figuresQuery(params), figure });
  const actor = await currentActor();
  const label = figureDefinition(figure).label[locale];
  const here = (scope: string | undefined) => `/reports/figures/drilldown?${figuresSearch({ ...params, scope }, { figure })}`;
  const scopeLabel = drilldown.scope.level === "network" ? t("figures.scope.network") : drilldown.scope.name;
  const trail = [
    ...(actor?.role === "regional_coordinator" ? [] : [{ href: here("network"), name: t("figures.scope.network") }]),
    ...drilldown.path.map((p) => ({ href: here(p.id), name: p.name })),
  ].filter(() => drilldown.scope.level !== "network");

  return (
    <article className={styles.report}>
      <p className={styles.noPrint}>
        <Link href={`/reports/figures?${figuresSearch(params)}`}>{t("figures.breakdown.back")}</Link>
      </p>
      <h1>{t("figures.drilldown.heading", { figure: label })}</h1>
      <p className={styles.subtitle}>{t("figures.heading", { scope: scopeLabel, period: periodName(t, format, params) })}</p>
      <p>
        {t("figures.period", { from: dayText(format, drilldown.period.from), to: dayText(format, drilldown.period.to) })}.{" "}
        {t("figures.asOfLine", { asOf: dayText(format, drilldown.asOf), completersAsOf: dayText(format, drilldown.completersAsOf) })}.{" "}
        <Link href={`/reports/figures/definitions#${definitionAnchor(figure)}`}>{t("figures.links.definition", { figure: label })}</Link>
      </p>
      {trail.length > 0 && (
        <nav aria-label={t("figures.drilldown.trail")}>
          <ol className={styles.trail}>
            {trail.map((step) => (
              <li key={step.href}>
                <Link href={step.href}>{step.name}</Link>
              </li>
            ))}
            <li aria-current="page">{scopeLabel}</li>
          </ol>
        </nav>
      )}
      <div className={styles.chart}>
        <table>
          <caption>{t("figures.drilldown.caption", { figure: label, scope: scopeLabel })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("figures.drilldown.unit")}</th>
              <th scope="col" className="num">
                {label}
              </th>
            </tr>
          </thead>
          <tbody>
            {drilldown.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.hasChildren ? <Link href={here(row.id)}>{row.name}</Link> : row.name}</th>
                <td className="num">{cellText(format, row.cell)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("figures.total")}</th>
              <td className="num">{cellText(format, drilldown.total)}</td>
            </tr>
          </tfoot>
        </table>
        {drilldown.rows.length === 0 && <p>{t("figures.drilldown.noUnits")}</p>}
      </div>
      <p className={styles.source}>{t("figures.suppressedHint", { mark: SUPPRESSED })}</p>
    </article>
  );
}
