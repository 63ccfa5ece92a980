/**
 * docs/figures.md, written from the figures registry so that the document cannot drift from
 * what the code counts (`npm run docs:figures` writes it; a test checks it is current).
 */
import { translator } from "@/lib/i18n/translate";
import { PERSON_COUNTERS, RECORD_COUNTERS } from "./ledger-counters";
import { FIGURES, SECTIONS, type FigureDefinition } from "./registry";

const REFERENCE = { asOf: "`asOf`", completersAsOf: "`completersAsOf`", periodEnd: "the period's last day" } as const;
const SOURCE = { records: "records", orgTree: "org tree", targets: "funding round target" } as const;

const cell = (text: string) => text.replaceAll("|", "\\|");

function row(f: FigureDefinition): string {
  const counters = f.counters.length ? f.counters.map((c) => `\`${c}\``).join(", ") : "–";
  return `| \`${f.key}\` | ${cell(f.label.en)} / ${cell(f.label.de)} | ${cell(f.definition.en)} | ${counters} | ${REFERENCE[f.reference]} | ${SOURCE[f.source]} |`;
}

function counterRow(name: string): string {
  const d = RECORD_COUNTERS[name];
  const where = Object.entries(d.where).map(([field, value]) => `\`${field}\` = \`${value}\``);
  const rule = [`kind \`${d.kind}\``, ...where, ...(d.countsFrom ? [`counts from \`${d.countsFrom}\``] : [])].join(", ");
  return `| \`${name}\` | ${rule} | ${d.amount ? `\`${d.amount}\`` : "–"} |`;
}

export function figuresMarkdown(): string {
  const t = translator("en");
  const lines = [
    "# The figures",
    "",
    "<!-- Written by `npm run docs:figures` from lib/figures/registry.ts and lib/figures/ledger-counters.ts; do not edit by hand. -->",
    "",
    "Every figure of the report, in the order reports and exports list them: its key (as in the JSON",
    "API), its label in English and German, what it counts, the ledger counters it is made of, the",
    "reference date it uses and its source. A report for period `from`..`to` counts records by their",
    "`occurred_on` date (schemes and enrolments: their start) as they stood at the reference date.",
    "The same definitions are shown in the app at `/reports/figures/definitions`.",
    "",
  ];
  for (const section of SECTIONS) {
    lines.push(`## ${t(`figures.sections.${section}`)}`, "", "| key | label (en / de) | definition | counters | reference date | source |", "| --- | --- | --- | --- | --- | --- |");
    for (const f of FIGURES.filter((x) => x.section === section)) lines.push(row(f));
    lines.push("");
  }
  lines.push(
    "## Ledger counters",
    "",
    "What each record adds to the ledger: +1 to every counter whose rule it matches, and the named",
    "field as the counter's amount. The ledger's version is a hash of this table, so a changed rule",
    "rebuilds the ledger at the next start.",
    "",
    "| counter | counts records with | amount |",
    "| --- | --- | --- |",
    ...Object.keys(RECORD_COUNTERS).map(counterRow),
    "",
    "Distinct people, once per person and calendar year within each scope, in the month of their",
    "first record of the period:",
    "",
    "| counter | drawn from |",
    "| --- | --- |",
    ...Object.entries(PERSON_COUNTERS).map(([name, p]) => `| \`${name}\` | \`${p.fromCounter}\` |`),
    "",
  );
  return lines.join("\n");
}
