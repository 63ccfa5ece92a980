import type { Correction } from "@/lib/editions/corrections";
import type { Edition } from "@/lib/editions/operations";
import { SHARE_FIGURES, TARGETS_KEY, TOP_OCCUPATIONS_KEY } from "@/lib/figures/definitions";
import { SUPPRESSED } from "@/lib/figures/presentation";
import type { FigureValue, TopOccupation } from "@/lib/figures/report";
import type { TargetProgress } from "@/lib/figures/target-progress";
import type { Translate } from "@/lib/i18n/translate";
import { countText, dayText, type Format } from "../../figures/_components/view";
import styles from "../../figures/figures.module.css";

const SHARES = new Set(SHARE_FIGURES.map((f) => f.key));

function ValueText({ k, value, suppressed, t, format }: { k: string; value: FigureValue; suppressed: boolean; t: Translate; format: Format }) {
  if (k === TOP_OCCUPATIONS_KEY) {
    return (
      <ol>
        {(value as TopOccupation[]).map((o) => (
          <li key={o.id}>
            {o.name}: {countText(format, o.count, o.count === null)}
          </li>
        ))}
      </ol>
    );
  }
  if (k === TARGETS_KEY) {
    const target = value as TargetProgress | null;
    return <>{target ? t("editions.page.reached", { reached: format.number(target.reached), target: format.number(target.target) }) : "–"}</>;
  }
  const text = countText(format, value as number | null, suppressed);
  return <>{SHARES.has(k) && typeof value === "number" ? `${text} %` : text}</>;
}

function differenceText(c: Correction, t: Translate, format: Format): string {
  if (c.publishedSuppressed || c.currentSuppressed) return t("editions.page.suppressedNoDifference");
  if (c.difference === null) return c.changed ? t("editions.page.changed") : t("editions.page.unchanged");
  if (c.difference === 0) return "±0";
  return `${c.difference > 0 ? "+" : "−"}${format.number(Math.abs(c.difference))}`;
}

/** Every published figure with its source and reference date, its value counted today, and the correction. */
export function CorrectionsTable({ edition, t, format }: { edition: Edition; t: Translate; format: Format }) {
  return (
    <div className={styles.scroll} role="region" aria-label={t("editions.page.caption")} tabIndex={0}>
      <table>
        <caption>{t("editions.page.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("editions.page.figure")}</th>
            <th scope="col" className="num">
              {t("editions.page.publishedValue")}
            </th>
            <th scope="col">{t("editions.page.provenance")}</th>
            <th scope="col" className="num">
              {t("editions.page.currentValue")}
            </th>
            <th scope="col" className="num">
              {t("editions.page.difference")}
            </th>
          </tr>
        </thead>
        <tbody>
          {edition.corrections.figures.map((c) => {
            const p = edition.provenance[c.key];
            return (
              <tr key={c.key} data-key={c.key}>
                <th scope="row">{t(`figures.labels.${c.key}`)}</th>
                <td className="num" data-cell="published">
                  <ValueText k={c.key} value={c.published} suppressed={c.publishedSuppressed} t={t} format={format} />
                </td>
                <td>{p ? t("figures.provenance", { source: t(`figures.sources.${p.source}`), date: dayText(format, p.asOf) }) : ""}</td>
                <td className="num" data-cell="current">
                  <ValueText k={c.key} value={c.current} suppressed={c.currentSuppressed} t={t} format={format} />
                </td>
                <td className="num" data-cell="difference">
                  {differenceText(c, t, format)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {edition.scope.level !== "network" && <p>{t("figures.suppressedHint", { mark: SUPPRESSED })}</p>}
    </div>
  );
}
