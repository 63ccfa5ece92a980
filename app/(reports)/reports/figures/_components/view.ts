import { COUNT_FIGURES } from "@/lib/figures/definitions";
import { provenanceOf, SUPPRESSED } from "@/lib/figures/presentation";
import { definitionAnchor, figureDefinition } from "@/lib/figures/registry";
import type { Locale } from "@/lib/i18n/config";
import type { Cell } from "@/lib/figures/breakdown";
import type { FiguresReport } from "@/lib/figures/report";
import type { FiguresParams } from "@/lib/figures/request";
import type { formatter, Translate } from "@/lib/i18n/translate";

export type Format = ReturnType<typeof formatter>;

/** A reference date as people read it: a day, or (for "now") a day and time. */
export function dayText(format: Format, iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long" });
  return format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short" });
}

/** The period asked for, as a heading names it: "2019", "Q1 2019", or its first and last day. */
export function periodName(t: Translate, format: Format, p: Pick<FiguresParams, "period" | "year" | "from" | "to">): string {
  return t(`figures.periodNames.${p.period}`, { year: String(p.year), from: dayText(format, p.from), to: dayText(format, p.to) });
}

/** A count as shown: formatted per language, "<3" where withheld, a dash where there is none. */
export function countText(format: Format, value: number | null, suppressed: boolean): string {
  if (value === null) return suppressed ? SUPPRESSED : "–";
  return format.number(value);
}

export const cellText = (format: Format, cell: Cell | undefined) => (cell ? countText(format, cell.value, cell.value === null) : "–");

const DRILLABLE = new Set(COUNT_FIGURES.map((f) => f.key));

/** What the report pages need to say about one figure: its label, its value, where it comes from, where to read more. */
export function reportView(report: FiguresReport, t: Translate, format: Format, locale: Locale, search: string) {
  return {
    label: (key: string) => figureDefinition(key).label[locale],
    explanation: (key: string) => figureDefinition(key).explanation?.[locale],
    definitionHref: (key: string) => `/reports/figures/definitions#${definitionAnchor(key)}`,
    /** The figure down the org tree, for counts (a share or the org tree has no such step). */
    drilldownHref: (key: string) => (DRILLABLE.has(key) ? `/reports/figures/drilldown?${search}&figure=${encodeURIComponent(key)}` : null),
    number: (key: string) => report.figures[key] as number | null,
    text: (key: string) => countText(format, report.figures[key] as number | null, report.suppressed.includes(key)),
    provenance(key: string) {
      const p = provenanceOf(key, report);
      const text = t("figures.provenance", { source: t(`figures.sources.${p.source}`), date: dayText(format, p.asOf) });
      return p.imported ? `${text} · ${t("figures.importedOutcomes", { source: p.imported.source, date: dayText(format, p.imported.on) })}` : text;
    },
    day: (iso: string) => dayText(format, iso),
  };
}

export type ReportView = ReturnType<typeof reportView>;
