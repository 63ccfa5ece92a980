import type { FiguresBreakdown } from "@/lib/figures/breakdown";
import type { Translate } from "@/lib/i18n/translate";
import { cellText, type Format } from "./view";

/** A breakdown's groups as rows, the figures `keys` as columns, and the scope's total. */
export function BreakdownTable({ caption, byLabel, keys, breakdown, t, format }: { caption: string; byLabel: string; keys: string[]; breakdown: FiguresBreakdown; t: Translate; format: Format }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{byLabel}</th>
          {keys.map((k) => (
            <th key={k} scope="col" className="num">
              {t(`figures.labels.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {breakdown.rows.map((r) => (
          <tr key={r.group}>
            <th scope="row">{r.label}</th>
            {keys.map((k) => (
              <td key={k} className="num">
                {cellText(format, r.cells[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{breakdown.total.label}</th>
          {keys.map((k) => (
            <td key={k} className="num">
              {cellText(format, breakdown.total.cells[k])}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

/**
 * On paper a breakdown's columns come in parts of this many, each with the groups again, so that
 * every column fits A4 portrait (with the print style's fixed layout, whatever the labels).
 */
export const PRINT_COLUMNS = 4;

export function printParts(keys: string[]): string[][] {
  return Array.from({ length: Math.ceil(keys.length / PRINT_COLUMNS) }, (_, i) => keys.slice(i * PRINT_COLUMNS, (i + 1) * PRINT_COLUMNS));
}
