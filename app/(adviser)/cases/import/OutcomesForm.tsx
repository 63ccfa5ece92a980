"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { OutcomesReport } from "@/lib/import/outcomes";
import { FileField, RefusalList, RowErrorsTable, UnitField, UploadButtons, useUpload } from "./upload";

/**
 * Outcomes from the monitoring: the same check-then-import as the import above, with the
 * source and the file's date that the figure of successful completers will name.
 */
export function OutcomesForm({ units, today }: { units: { id: string; name: string }[]; today: string }) {
  const t = useTranslations();
  const { send, pending, report, ran, refusal } = useUpload<OutcomesReport>({ check: "/cases/import/outcomes/check", run: "/cases/import/outcomes/run" });
  const [source, setSource] = useState("");
  return (
    <>
      <form className="stack" onSubmit={send} aria-busy={pending}>
        <UnitField id="outcomes-unit" units={units} />
        <div className="field">
          <label htmlFor="outcomes-source">{t("import.outcomes.source")}</label>
          <input id="outcomes-source" name="source" required maxLength={100} value={source} onChange={(e) => setSource(e.target.value)} placeholder="ESF-Monitoring" />
        </div>
        <div className="field">
          <label htmlFor="outcomes-date">{t("import.outcomes.sourceOn")}</label>
          <input id="outcomes-date" name="sourceOn" type="date" required max={today} defaultValue={today} />
        </div>
        <FileField id="outcomes-file" />
        <UploadButtons pending={pending} canRun={!!report && report.errorCount === 0} />
      </form>
      <section aria-live="polite">
        <RefusalList lines={refusal} />
        {report && (
          <>
            <p>
              {ran
                ? t("import.outcomes.done", { source, changed: report.changed, unchanged: report.unchanged })
                : report.errorCount
                  ? t("import.bad", { count: report.errorCount })
                  : t("import.outcomes.ok", { changed: report.changed, unchanged: report.unchanged })}
            </p>
            <RowErrorsTable errors={report.errors} />
          </>
        )}
      </section>
    </>
  );
}
