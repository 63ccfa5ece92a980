import Link from "next/link";
import type { FiguresBreakdown } from "@/lib/figures/breakdown";
import type { Translate } from "@/lib/i18n/translate";
import styles from "../figures.module.css";
import { BarTable } from "./BarTable";
import { BreakdownTable } from "./BreakdownTable";
import { Section } from "./Sections";
import { cellText, type Format, type ReportView } from "./view";

/** The figures a network coordinator compares region by region; the breakdown page has them all. */
const COMPLETERS = "jobTraining.successfulCompleters";
const COMPARED = ["advice.initialSessions", "fairIntegration.individualsAdvised", "jobTraining.schemesStarted", "jobTraining.participantsCommencing", COMPLETERS];

export function RegionsSection({ v, t, format, regions, breakdownHref }: { v: ReportView; t: Translate; format: Format; regions: FiguresBreakdown; breakdownHref: string }) {
  const initial = COMPARED[0];
  return (
    <Section id="regions" title={t("figures.sections.regions")} intro={t("figures.explain.regions")}>
      <BarTable
        caption={t("figures.charts.regions")}
        labelHeader={t("figures.by.region")}
        valueHeader={v.label(initial)}
        bars={regions.rows.map((r) => ({ label: r.label, value: r.cells[initial]?.value ?? null, text: cellText(format, r.cells[initial]) }))}
        provenance={v.provenance(initial)}
      />
      <figure className={styles.chart}>
        <div className={styles.scroll} role="region" aria-label={t("figures.charts.regionsTable")} tabIndex={0}>
          <BreakdownTable caption={t("figures.charts.regionsTable")} byLabel={t("figures.by.region")} keys={COMPARED} breakdown={regions} t={t} format={format} />
        </div>
        <figcaption className={styles.source}>
          {v.provenance(initial)}. {v.label(COMPLETERS)}: {v.provenance(COMPLETERS)}
        </figcaption>
      </figure>
      <p className={styles.noPrint}>
        <Link href={breakdownHref}>{t("figures.breakdownLink")}</Link>
      </p>
    </Section>
  );
}
