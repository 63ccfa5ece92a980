import Link from "next/link";
import { KINDS, type KindSpec } from "@/lib/records/kinds";
import type { T } from "./display";

export const RECORD_FILTERS = ["clientRef", "adviserId", "from", "to"] as const;
export type RecordFilterValues = Partial<Record<(typeof RECORD_FILTERS)[number], string>>;

/**
 * The record lists' filters: kind, client reference, who logged it, dates. A GET form to
 * /cases/records, which sends it on to the chosen kind's list, so that it works without JavaScript.
 */
export function RecordFilters({
  t,
  spec,
  values,
  advisers,
}: {
  t: T;
  spec: KindSpec | null;
  values: RecordFilterValues;
  advisers: { id: string; name: string }[];
}) {
  const filtered = RECORD_FILTERS.some((f) => values[f]);
  return (
    <form method="get" action="/cases/records" className="filters list-filters" aria-label={t("records.filterTitle")}>
      <div className="field">
        <label htmlFor="filter-kind">{t("records.kind")}</label>
        <select id="filter-kind" name="kind" defaultValue={spec?.slug ?? KINDS[0].slug}>
          {KINDS.map((k) => (
            <option key={k.kind} value={k.slug}>
              {t(`recordKinds.${k.kind}.plural`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-clientRef">{t("records.clientRef")}</label>
        <input id="filter-clientRef" name="clientRef" type="search" maxLength={40} defaultValue={values.clientRef ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-adviserId">{t("records.adviser")}</label>
        <select id="filter-adviserId" name="adviserId" defaultValue={values.adviserId ?? ""}>
          <option value="">{t("records.anyAdviser")}</option>
          {advisers.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">{t("records.from")}</label>
        <input id="filter-from" name="from" type="date" defaultValue={values.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t("records.to")}</label>
        <input id="filter-to" name="to" type="date" defaultValue={values.to ?? ""} />
      </div>
      <div className="filter-actions">
        <button type="submit">{t("records.applyFilter")}</button>
        {filtered && spec && (
          <Link className="button secondary" href={`/cases/records/${spec.slug}`}>
            {t("records.clearFilter")}
          </Link>
        )}
      </div>
    </form>
  );
}
