import styles from "../figures.module.css";

export interface Bar {
  label: string;
  /** The bar's length; null draws none (a withheld or missing value). */
  value: number | null;
  /** The value as written next to the bar. */
  text: string;
  /** A shorter label where space is scarce (under a column). */
  short?: string;
}

/**
 * A horizontal bar chart that is a table: screen readers and the print read label and value as
 * text, the bars are decoration drawn as SVG (which prints without "background graphics").
 */
export function BarTable({ caption, labelHeader, valueHeader, bars, max, provenance }: { caption: string; labelHeader: string; valueHeader: string; bars: Bar[]; max?: number; provenance?: string }) {
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <figure className={styles.chart}>
      <table className={styles.bars}>
        <caption>{caption}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col">{valueHeader}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>
                <svg aria-hidden="true" focusable="false" viewBox="0 0 100 10" preserveAspectRatio="none" className={styles.bar}>
                  <rect width={Math.max(0, Math.min(100, (100 * (b.value ?? 0)) / top))} height="10" />
                </svg>
                <span className={styles.barValue}>{b.text}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {provenance && <figcaption className={styles.source}>{provenance}</figcaption>}
    </figure>
  );
}
