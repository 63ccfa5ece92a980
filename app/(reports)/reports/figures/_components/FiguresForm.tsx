import { BREAKDOWNS, type Breakdown } from "@/lib/figures/counters";
import { FIRST_YEAR, type FiguresParams } from "@/lib/figures/request";
import type { Translate } from "@/lib/i18n/translate";
import styles from "../figures.module.css";

export interface ScopeOption {
  value: string;
  label: string;
}

/**
 * Year, scope and reference dates as a GET form: the address of the result is the report itself,
 * to bookmark or send on. The scopes offered are those the user may see; the operation decides.
 */
export function FiguresForm({ t, params, scopes, currentYear, by }: { t: Translate; params: FiguresParams; scopes: ScopeOption[]; currentYear: number; by?: Breakdown }) {
  const years = Array.from({ length: currentYear - FIRST_YEAR + 1 }, (_, i) => currentYear - i);
  const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
  const scope = params.scope ?? scopes[0]?.value;
  return (
    <form method="get" className={`${styles.form} ${styles.noPrint}`} aria-label={t("figures.form.label")}>
      <div className="field">
        <label htmlFor="figures-year">{t("figures.form.year")}</label>
        <select id="figures-year" name="year" defaultValue={String(params.year)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="figures-scope">{t("figures.form.scope")}</label>
        <select id="figures-scope" name="scope" defaultValue={scopes.some((s) => s.value === scope) ? scope : undefined}>
          {scopes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {by && (
        <div className="field">
          <label htmlFor="figures-by">{t("figures.form.by")}</label>
          <select id="figures-by" name="by" defaultValue={by}>
            {BREAKDOWNS.map((b) => (
              <option key={b} value={b}>
                {t(`figures.by.${b}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className={styles.dates}>
        <legend>{t("figures.form.referenceDates")}</legend>
        <div className="field">
          <label htmlFor="figures-as-of">{t("figures.form.asOf")}</label>
          <input id="figures-as-of" name="asOf" type="date" defaultValue={day(params.asOf)} />
        </div>
        <div className="field">
          <label htmlFor="figures-completers-as-of">{t("figures.form.completersAsOf")}</label>
          <input id="figures-completers-as-of" name="completersAsOf" type="date" defaultValue={day(params.completersAsOf)} />
        </div>
      </fieldset>
      <button type="submit">{t("figures.form.show")}</button>
    </form>
  );
}
