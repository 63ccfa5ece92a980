import styles from "../figures.module.css";
import type { Bar } from "./BarTable";

const WIDTH = 720;
const HEIGHT = 220;
const TOP = 22;
const BOTTOM = 24;

/**
 * Columns over time (months), drawn on the server as SVG: no script, prints as it shows. The
 * picture is labelled by its caption; the values are also there as a table for reading.
 */
export function ColumnChart({ id, caption, columns, labelHeader, valueHeader, tableLabel, provenance }: { id: string; caption: string; columns: Bar[]; labelHeader: string; valueHeader: string; tableLabel: string; provenance: string }) {
  const top = Math.max(1, ...columns.map((c) => c.value ?? 0));
  const slot = WIDTH / Math.max(1, columns.length);
  const plot = HEIGHT - TOP - BOTTOM;
  return (
    <figure className={styles.chart}>
      <figcaption id={id} className={styles.chartTitle}>
        {caption}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={id} className={styles.columns}>
        <line x1="0" x2={WIDTH} y1={HEIGHT - BOTTOM} y2={HEIGHT - BOTTOM} className={styles.axis} />
        {columns.map((c, i) => {
          const h = (plot * (c.value ?? 0)) / top;
          const x = i * slot;
          return (
            <g key={c.label}>
              <rect x={x + slot * 0.15} width={slot * 0.7} y={HEIGHT - BOTTOM - h} height={h} />
              <text x={x + slot / 2} y={HEIGHT - BOTTOM - h - 6} textAnchor="middle">
                {c.text}
              </text>
              <text x={x + slot / 2} y={HEIGHT - 6} textAnchor="middle">
                {c.short ?? c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <p className={styles.source}>{provenance}</p>
      <details className={styles.asTable}>
        <summary>{tableLabel}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="num">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={c.label}>
                <th scope="row">{c.label}</th>
                <td className="num">{c.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
