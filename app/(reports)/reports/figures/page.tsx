import Link from "next/link";
import { currentActor } from "@/lib/auth/session";
import { figuresBreakdown, figuresReport, type TopOccupation } from "@/lib/figures/report";
import type { TargetProgress } from "@/lib/figures/target-progress";
import { figuresQuery, figuresSearch, formValues, readFiguresRequest, type SearchParams } from "@/lib/figures/request";
import { figuresLatestYear } from "@/lib/figures/years";
import { SUPPRESSED } from "@/lib/figures/presentation";
import { serverI18n } from "@/lib/i18n/server";
import { listRegions } from "@/lib/org/queries";
import { load, loadOrRefuse } from "@/lib/server";
import { todayInBerlin } from "@/lib/validation";
import { FiguresForm } from "./_components/FiguresForm";
import { PrintButton } from "./_components/PrintButton";
import { RegionsSection } from "./_components/RegionsSection";
import { AdviceSection, ContactPointsSection, FairIntegrationSection, InterculturalOpeningSection, JobTrainingSection, NetworkSection, SkilledWorkerSection, TargetSection } from "./_components/Sections";
import { scopeName, scopeOptions } from "./_components/scopes";
import { dayText, periodName, reportView } from "./_components/view";
import styles from "./figures.module.css";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("figures.title") };
}

export default async function FiguresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const today = todayInBerlin();
  const { t, format, locale } = await serverI18n();
  const request = await readFiguresRequest(await searchParams, { t, today, latestYear: () => load(figuresLatestYear) });
  const currentYear = Number(today.slice(0, 4));
  // The report first: a scope the user may not see ends the page here (403) before anything else is read.
  const answer = request.ok ? await loadOrRefuse(figuresReport, figuresQuery(request.params)) : null;
  if (!request.ok || !answer?.ok) {
    const scopes = scopeOptions(await currentActor(), await load(listRegions), t, locale);
    const refused = request.ok ? { values: formValues(request.params), fieldErrors: answer && !answer.ok ? answer.fieldErrors : {} } : request;
    return (
      <article className={styles.report}>
        <header className={styles.header}>
          <h1>{t("figures.title")}</h1>
          <p className={styles.intro}>{t("figures.intro")}</p>
        </header>
        <FiguresForm t={t} values={refused.values} errors={refused.fieldErrors} scopes={scopes} currentYear={currentYear} />
      </article>
    );
  }
  const { params } = request;
  const query = figuresQuery(params);
  const report = answer.value;
  const network = report.scope.level === "network";
  const [months, regions, regionList, actor] = await Promise.all([
    load(figuresBreakdown, { ...query, by: "month" }),
    network ? load(figuresBreakdown, { ...query, by: "region" }) : null,
    load(listRegions),
    currentActor(),
  ]);
  const search = figuresSearch(params);
  const v = reportView(report, t, format, locale, search);
  const scopes = scopeOptions(actor, regionList, t, locale);
  const props = { v, t, format };

  return (
    <article className={styles.report}>
      <header className={styles.header}>
        <h1>{t("figures.title")}</h1>
        <p className={styles.subtitle}>{t("figures.heading", { scope: scopeName(report.scope, scopes, t), period: periodName(t, format, params) })}</p>
        <p>
          {t("figures.period", { from: dayText(format, report.period.from), to: dayText(format, report.period.to) })}.{" "}
          {t("figures.asOfLine", { asOf: dayText(format, report.asOf), completersAsOf: dayText(format, report.completersAsOf) })}.
        </p>
        <p className={styles.intro}>{t("figures.intro")}</p>
      </header>
      <FiguresForm t={t} values={formValues(params)} scopes={scopes} currentYear={currentYear} />
      <div className={`actions ${styles.noPrint}`} role="group" aria-label={t("figures.actions.label")}>
        <PrintButton label={t("figures.actions.print")} />
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { format: "csv" })}`} download>
          {t("figures.actions.csv")}
        </a>
        <a className="button secondary" href={`/reports/figures/export?${figuresSearch(params, { format: "xlsx" })}`} download>
          {t("figures.actions.xlsx")}
        </a>
        <Link href={`/reports/figures/breakdown?${search}`}>{t("figures.actions.breakdown")}</Link>
        <Link href="/reports/figures/definitions">{t("figures.actions.definitions")}</Link>
      </div>

      <AdviceSection {...props} months={months} topOccupations={report.figures["advice.topOccupations"] as TopOccupation[]} topWithheld={report.suppressed.includes("advice.topOccupations")} />
      <ContactPointsSection {...props} />
      <FairIntegrationSection {...props} />
      <JobTrainingSection {...props} />
      <InterculturalOpeningSection {...props} />
      <SkilledWorkerSection {...props} />
      <NetworkSection {...props} network={network} />
      {network && <TargetSection {...props} target={report.figures["targets.initialSessions"] as TargetProgress | null} />}
      {regions && <RegionsSection {...props} regions={regions} breakdownHref={`/reports/figures/breakdown?${figuresSearch(params, { by: "region" })}`} />}
      {!network && <p className={styles.source}>{t("figures.suppressedHint", { mark: SUPPRESSED })}</p>}
    </article>
  );
}
