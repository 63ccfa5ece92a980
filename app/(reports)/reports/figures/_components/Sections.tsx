import type { ReactNode } from "react";
import { percent } from "@/lib/figures/definitions";
import type { FiguresBreakdown } from "@/lib/figures/breakdown";
import type { TopOccupation } from "@/lib/figures/report";
import type { TargetProgress } from "@/lib/figures/target-progress";
import type { Translate } from "@/lib/i18n/translate";
import styles from "../figures.module.css";
import { BarTable } from "./BarTable";
import { ColumnChart } from "./ColumnChart";
import { Figure, FigureLinkList, type FigureLinks } from "./Figure";
import { cellText, countText, type Format, type ReportView } from "./view";

interface Props {
  v: ReportView;
  t: Translate;
  format: Format;
}

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`figures-${id}`} className={styles.section}>
      <h2 id={`figures-${id}`}>{title}</h2>
      {intro && <p className={styles.intro}>{intro}</p>}
      {children}
    </section>
  );
}

/** Links to a figure's definition and, for counts, to its values down the org tree. */
function linksOf(v: ReportView, t: Translate, k: string): FigureLinks {
  const label = v.label(k);
  const drilldown = v.drilldownHref(k);
  return {
    definition: { href: v.definitionHref(k), label: t("figures.links.definition", { figure: label }) },
    drilldown: drilldown ? { href: drilldown, label: t("figures.links.drilldown", { figure: label }) } : null,
  };
}

/** A figure block for a report key, with its label, explanation, provenance and links. */
function KeyFigure({ v, t, k, lead }: { v: ReportView; t: Translate; k: string; lead?: boolean }) {
  return <Figure value={v.text(k)} label={v.label(k)} explanation={v.explanation(k)} provenance={v.provenance(k)} links={linksOf(v, t, k)} lead={lead} />;
}

/** Bars for parts of a whole, each with its share. */
function partsOf(v: ReportView, t: Translate, format: Format, keys: string[], whole: string) {
  return keys.map((k) => {
    const value = v.number(k);
    const total = v.number(whole);
    const share = value !== null && total ? percent(value, total) : null;
    return { label: v.label(k), value, text: share === null ? v.text(k) : t("figures.charts.share", { value: v.text(k), share: format.number(share) }) };
  });
}

export function AdviceSection({ v, t, format, months, topOccupations, topWithheld }: Props & { months: FiguresBreakdown; topOccupations: TopOccupation[]; topWithheld: boolean }) {
  const types = ["recognition", "recognitionAndJobTraining", "jobTraining"].map((k) => `advice.initialByType.${k}`);
  const initial = "advice.initialSessions";
  return (
    <Section id="advice" title={t("figures.sections.advice")}>
      <div className={styles.row}>
        <KeyFigure v={v} t={t} k={initial} lead />
        <BarTable caption={t("figures.charts.byType")} labelHeader={t("figures.export.figure")} valueHeader={t("figures.export.value")} bars={partsOf(v, t, format, types, initial)} provenance={v.provenance(initial)} />
      </div>
      <div className={styles.row}>
        <ColumnChart
          id="figures-monthly"
          caption={t("figures.charts.monthly")}
          columns={months.rows.map((r) => ({
            label: r.label,
            short: format.dateTime(new Date(`${r.group}-15T12:00:00Z`), { month: "short" }),
            value: r.cells[initial]?.value ?? null,
            text: cellText(format, r.cells[initial]),
          }))}
          labelHeader={t("figures.by.month")}
          valueHeader={v.label(initial)}
          tableLabel={t("figures.charts.asTable")}
          provenance={v.provenance(initial)}
        />
      </div>
      <div className={styles.row}>
        <KeyFigure v={v} t={t} k="advice.followUpSessions" />
        <div className={styles.figure}>
          <h3 className={styles.label}>{v.label("advice.topOccupations")}</h3>
          <p className={styles.explain}>{v.explanation("advice.topOccupations")}</p>
          {topOccupations.length ? (
            <ol className={styles.ranking}>
              {topOccupations.map((o) => (
                <li key={o.id}>
                  {o.name} <span className={styles.muted}>({countText(format, o.count, o.count === null)})</span>
                </li>
              ))}
            </ol>
          ) : (
            !topWithheld && <p>{t("figures.none")}</p>
          )}
          {topWithheld && <p>{t("figures.topWithheld")}</p>}
          <p className={styles.source}>{v.provenance("advice.topOccupations")}</p>
          <FigureLinkList links={linksOf(v, t, "advice.topOccupations")} />
        </div>
      </div>
    </Section>
  );
}

export function ContactPointsSection({ v, t }: Props) {
  return (
    <Section id="contact-points" title={t("figures.sections.contactPoints")} intro={t("figures.explain.contactPoints")}>
      <div className={styles.grid}>
        <KeyFigure v={v} t={t} k="contactPoints.total" lead />
        <KeyFigure v={v} t={t} k="contactPoints.permanent" />
        <KeyFigure v={v} t={t} k="contactPoints.mobile" />
      </div>
    </Section>
  );
}

export function FairIntegrationSection({ v, t }: Props) {
  return (
    <Section id="fair-integration" title={t("figures.sections.fairIntegration")}>
      <div className={styles.grid}>
        <KeyFigure v={v} t={t} k="fairIntegration.individualsAdvised" lead />
        <KeyFigure v={v} t={t} k="fairIntegration.adviceSessions" />
        <KeyFigure v={v} t={t} k="fairIntegration.groupEvents" />
        <KeyFigure v={v} t={t} k="fairIntegration.groupEventParticipants" />
      </div>
    </Section>
  );
}

export function JobTrainingSection({ v, t, format }: Props) {
  const formats = ["course", "individual"].map((k) => `jobTraining.schemesByFormat.${k}`);
  const started = "jobTraining.schemesStarted";
  return (
    <Section id="job-training" title={t("figures.sections.jobTraining")}>
      <div className={styles.row}>
        <KeyFigure v={v} t={t} k={started} lead />
        <BarTable caption={t("figures.charts.byFormat")} labelHeader={t("figures.export.figure")} valueHeader={t("figures.export.value")} bars={partsOf(v, t, format, formats, started)} provenance={v.provenance(started)} />
      </div>
      <div className={styles.grid}>
        <KeyFigure v={v} t={t} k="jobTraining.participantsCommencing" />
        <KeyFigure v={v} t={t} k="jobTraining.successfulCompleters" />
      </div>
    </Section>
  );
}

const OPENING_COLUMNS = ["trainings", "trainingParticipants", "events", "eventParticipants", "trainingEventsTotal", "individualsTotal", "consultations"];

export function InterculturalOpeningSection({ v, t }: Props) {
  const groups = ["labourMarket", "business"];
  const key = (g: string, c: string) => `interculturalOpening.${g}.${c}`;
  return (
    <Section id="intercultural-opening" title={t("figures.sections.interculturalOpening")} intro={t("figures.explain.interculturalOpening")}>
      <div className={styles.grid}>
        {groups.map((g) => (
          <Figure key={g} value={v.text(key(g, "individualsTotal"))} label={v.label(key(g, "individualsTotal"))} provenance={v.provenance(key(g, "individualsTotal"))} links={linksOf(v, t, key(g, "individualsTotal"))} />
        ))}
      </div>
      <figure className={styles.chart}>
        <div className={styles.scroll} role="region" aria-label={t("figures.sections.interculturalOpening")} tabIndex={0}>
          <table>
            <caption>{t("figures.sections.interculturalOpening")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("figures.short.targetGroup")}</th>
                {OPENING_COLUMNS.map((c) => (
                  <th key={c} scope="col" className="num">
                    {t(`figures.short.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g}>
                  <th scope="row">{t(`figures.short.${g}`)}</th>
                  {OPENING_COLUMNS.map((c) => (
                    <td key={c} className="num">
                      {v.text(key(g, c))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <figcaption className={styles.source}>{v.provenance(key("labourMarket", "trainings"))}</figcaption>
      </figure>
    </Section>
  );
}

export function SkilledWorkerSection({ v, t }: Props) {
  return (
    <Section id="skilled-worker-networks" title={t("figures.sections.skilledWorkerNetworks")}>
      <div className={styles.grid}>
        <KeyFigure v={v} t={t} k="skilledWorkerNetworks.peopleReached" />
      </div>
    </Section>
  );
}

export function NetworkSection({ v, t, network }: Props & { network: boolean }) {
  return (
    <Section id="network" title={t("figures.sections.organisation")} intro={t("figures.explain.organisation")}>
      <div className={styles.grid}>
        {/* Within one region this would only ever count that region. */}
        {network && <KeyFigure v={v} t={t} k="organisation.regionalNetworks" />}
        <KeyFigure v={v} t={t} k="organisation.subprojects" />
      </div>
    </Section>
  );
}

export function TargetSection({ v, t, format, target }: Props & { target: TargetProgress | null }) {
  const key = "targets.initialSessions";
  return (
    <Section id="target" title={t("figures.sections.targets")} intro={t("figures.explain.targets")}>
      {target ? (
        <div className={styles.row}>
          <Figure
            value={t("figures.charts.percent", { value: format.number(target.shareReached) })}
            label={t("figures.target.summary", { reached: format.number(target.reached), target: format.number(target.target), until: v.day(target.to) })}
            provenance={v.provenance(key)}
            lead
          />
          <BarTable
            caption={t("figures.charts.target")}
            labelHeader={t("figures.export.figure")}
            valueHeader={t("figures.export.value")}
            max={100}
            bars={[
              { label: t("figures.target.shareReached"), value: target.shareReached, text: t("figures.charts.percent", { value: format.number(target.shareReached) }) },
              { label: t("figures.target.shareElapsed"), value: target.shareElapsed, text: t("figures.charts.percent", { value: format.number(target.shareElapsed) }) },
            ]}
          />
        </div>
      ) : (
        <p>{t("figures.target.none")}</p>
      )}
    </Section>
  );
}
