import type { createFormatter } from "use-intl/core";
import type { Translate } from "@/lib/i18n/translate";

type Format = ReturnType<typeof createFormatter>;

interface Entry {
  action: string;
  details: Record<string, unknown> | null;
}

const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const isoDay = (format: Format, value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "short" }) : "—";

/**
 * What the trail shows of an entry's details: the counts of the scheduled jobs' runs and the
 * rule behind a retention erasure. Only these, read field by field; other details stay unshown.
 */
export function auditDetails(t: Translate, format: Format, entry: Entry): string {
  const d = entry.details ?? {};
  switch (entry.action) {
    case "retention.run":
      return t("audit.retentionRun", { erased: num(d.erased), before: isoDay(format, d.lastContactBefore), years: num(d.years) });
    case "retention.erase": {
      const rule = (d.rule ?? {}) as Record<string, unknown>;
      return t("audit.retentionErase", { years: num(rule.retentionYears), lastContact: isoDay(format, d.lastContactOn) });
    }
    case "housekeeping.run": {
      const deleted = (d.deleted ?? {}) as Record<string, unknown>;
      return t("audit.housekeepingRun", { removed: Object.values(deleted).reduce<number>((sum, n) => sum + num(n), 0) });
    }
    default:
      return "";
  }
}

/** Entries the app's scheduled jobs wrote, by nobody signed in (older retention runs did not say "system"). */
export function bySystem(entry: Entry): boolean {
  return entry.details?.by === "system" || entry.action.startsWith("retention.");
}
