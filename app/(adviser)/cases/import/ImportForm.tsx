"use client";
import { useTranslations } from "use-intl";
import type { ImportReport } from "@/lib/import/operations";
import { FileField, RefusalList, RowErrorsTable, UnitField, UploadButtons, useUpload } from "./upload";

/**
 * Upload, check, import: "Check" shows every bad row (line, column, reason) and the rows per
 * kind; "Import" sends the same file again and takes it over whole, or refuses it whole.
 */
export function ImportForm({ units }: { units: { id: string; name: string }[] }) {
  const t = useTranslations();
  const { send, pending, report, ran, refusal } = useUpload<ImportReport>({ check: "/cases/import/check", run: "/cases/import/run" });
  const added = report ? Object.values(report.counts).reduce((n, c) => n + c.added, 0) : 0;
  const existing = report ? Object.values(report.counts).reduce((n, c) => n + c.existing, 0) : 0;
  return (
    <>
      <form className="stack" onSubmit={send} aria-busy={pending}>
        <UnitField id="import-unit" units={units} />
        <FileField id="import-file" />
        <UploadButtons pending={pending} canRun={!!report && report.errorCount === 0} />
      </form>
      <section aria-live="polite">
        <RefusalList lines={refusal} />
        {report && (
          <>
            <h2>{t("import.result")}</h2>
            <p>{ran ? t("import.done", { added, existing }) : report.errorCount ? t("import.bad", { count: report.errorCount }) : t("import.ok", { rows: report.rows })}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("import.kind")}</th>
                  <th scope="col">{t("import.rows")}</th>
                  <th scope="col">{t("import.added")}</th>
                  <th scope="col">{t("import.existing")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(report.counts).map(([kind, c]) => (
                  <tr key={kind}>
                    <td>{kind === "client" ? t("import.kinds.client") : t(`recordKinds.${kind}.plural`)}</td>
                    <td>{c.rows}</td>
                    <td>{c.added}</td>
                    <td>{c.existing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <RowErrorsTable errors={report.errors} />
          </>
        )}
      </section>
    </>
  );
}
