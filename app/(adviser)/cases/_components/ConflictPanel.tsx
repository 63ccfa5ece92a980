"use client";
import { useTranslations } from "use-intl";
import { TableScroll } from "@/app/components/TableScroll";

/**
 * A stale edit: someone saved this in the meantime. Show what is stored now
 * (where it differs from what this user has in the form) and let them choose:
 * apply their values over the current version, or take the current values.
 */
export function ConflictPanel({ rows, onReapply, onDiscard }: { rows: [string, string, string][]; onReapply: () => void; onDiscard: () => void }) {
  const t = useTranslations("records");
  return (
    <div className="conflict" role="alert">
      <p>
        <strong>{t("conflictTitle")}</strong> {t("conflictText")}
      </p>
      {rows.length > 0 && (
        <TableScroll>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("field")}</th>
                <th scope="col">{t("currentValue")}</th>
                <th scope="col">{t("yourValue")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, current, mine]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{current}</td>
                  <td>{mine}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <div className="actions">
        <button type="button" onClick={onReapply}>
          {t("reapply")}
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          {t("takeCurrent")}
        </button>
      </div>
    </div>
  );
}
