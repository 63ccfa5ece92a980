import { BREAKDOWNS, type Breakdown } from "@/lib/figures/counters";
import { FIELDS, FIRST_YEAR, PERIODS, type Field, type FormValues } from "@/lib/figures/request";
import type { Translate } from "@/lib/i18n/translate";
import styles from "../figures.module.css";
import { PeriodFields } from "./PeriodFields";

export interface ScopeOption {
  value: string;
  label: string;
}

export type FormErrors = Partial<Record<Field, string[]>>;

const LABELS: Record<Field, string> = {
  year: "figures.form.year",
  period: "figures.form.period",
  from: "figures.form.from",
  to: "figures.form.to",
  scope: "figures.form.scope",
  asOf: "figures.form.asOf",
  completersAsOf: "figures.form.completersAsOf",
  by: "figures.form.by",
};

/**
 * Period, scope and reference dates as a GET form: the address of the result is the report itself,
 * to bookmark or send on. The scopes offered are those the user may see; the operation decides.
 * Values of the address that were not understood are named above the form and at their fields.
 */
export function FiguresForm({ t, values, errors = {}, scopes, currentYear, by }: { t: Translate; values: FormValues; errors?: FormErrors; scopes: ScopeOption[]; currentYear: number; by?: Breakdown }) {
  const years = Array.from({ length: currentYear - FIRST_YEAR + 1 }, (_, i) => currentYear - i);
  const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const scope = values.scope ?? scopes[0]?.value;
  const message = (field: Field) => errors[field]?.join(" ");
  const invalid = (field: Field) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `figures-${field}-error` } : {});
  const error = (field: Field) =>
    errors[field] ? (
      <span className="field-error" id={`figures-${field}-error`}>
        {message(field)}
      </span>
    ) : null;
  const wrong = FIELDS.filter((f) => errors[f]);
  return (
    <form method="get" className={`${styles.form} ${styles.noPrint}`} aria-label={t("figures.form.label")}>
      {wrong.length > 0 && (
        <div className={`form-error ${styles.formErrors}`} role="alert">
          <p>{t("figures.form.invalid")}</p>
          <ul>
            {wrong.map((f) => (
              <li key={f}>
                {values[f] === undefined
                  ? t("figures.form.errorItem", { label: t(LABELS[f]), param: f, message: message(f)! })
                  : t("figures.form.errorItemValue", { label: t(LABELS[f]), param: f, value: values[f], message: message(f)! })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <PeriodFields
        labels={{ year: t(LABELS.year), period: t(LABELS.period), from: t(LABELS.from), to: t(LABELS.to) }}
        monthsHint={t("figures.form.wholeMonthsHint")}
        periods={PERIODS.map((p) => ({ value: p, label: t(`figures.periods.${p}`) }))}
        years={years}
        values={{ year: values.year, period: values.period, from: values.from, to: values.to }}
        errors={{ year: message("year"), period: message("period"), from: message("from"), to: message("to") }}
      />
      <div className="field">
        <label htmlFor="figures-scope">{t(LABELS.scope)}</label>
        <select id="figures-scope" name="scope" defaultValue={scopes.some((s) => s.value === scope) ? scope : undefined} {...invalid("scope")}>
          {scopes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        {error("scope")}
      </div>
      {by && (
        <div className="field">
          <label htmlFor="figures-by">{t(LABELS.by)}</label>
          <select id="figures-by" name="by" defaultValue={(BREAKDOWNS as readonly string[]).includes(values.by ?? "") ? values.by : by} {...invalid("by")}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`figures.by.${b}`)}
              </option>
            ))}
          </select>
          {error("by")}
        </div>
      )}
      <fieldset className={styles.dates}>
        <legend>{t("figures.form.referenceDates")}</legend>
        {(["asOf", "completersAsOf"] as const).map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`figures-${field}`}>{t(LABELS[field])}</label>
            {/* What an empty field means differs: now for the reference date, the reference date for the completers. */}
            <span className="hint" id={`figures-${field}-hint`}>
              {t(`figures.form.${field}Hint`)}
            </span>
            <input
              id={`figures-${field}`}
              name={field}
              type="date"
              defaultValue={day(values[field])}
              aria-describedby={errors[field] ? `figures-${field}-hint figures-${field}-error` : `figures-${field}-hint`}
              aria-invalid={errors[field] ? true : undefined}
            />
            {error(field)}
          </div>
        ))}
      </fieldset>
      <button type="submit">{t("figures.form.show")}</button>
    </form>
  );
}
