"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import type { ImportReport } from "@/lib/import/operations";

type Answer = { report: ImportReport; ran: boolean } | { error: string[] };

/**
 * Upload, check, import: "Check" shows every bad row (line, column, reason) and the rows per
 * kind; "Import" sends the same file again and takes it over whole, or refuses it whole.
 */
export function ImportForm({ units }: { units: { id: string; name: string }[] }) {
  const t = useTranslations();
  const router = useRouter();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [pending, setPending] = useState(false);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const ran = submitter?.value === "run";
    setPending(true);
    try {
      const response = await fetch(ran ? "/cases/import/run" : "/cases/import/check", { method: "POST", body: new FormData(event.currentTarget) });
      const body = await response.json();
      if (response.ok) {
        setAnswer({ report: body as ImportReport, ran });
        if (ran) router.refresh();
      } else setAnswer({ error: Object.values((body.error?.fieldErrors ?? { _: [body.error?.kind ?? response.status] }) as Record<string, string[]>).flat() });
    } finally {
      setPending(false);
    }
  }

  const report = answer && "report" in answer ? answer.report : null;
  const added = report ? Object.values(report.counts).reduce((n, c) => n + c.added, 0) : 0;
  const existing = report ? Object.values(report.counts).reduce((n, c) => n + c.existing, 0) : 0;
  return (
    <>
      <form className="stack" onSubmit={send} aria-busy={pending}>
        <div className="field">
          <label htmlFor="import-unit">{t("import.unit")}</label>
          <select id="import-unit" name="contactPointId" required>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-file">{t("import.file")}</label>
          <input id="import-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </div>
        <p className="actions">
          <button type="submit" name="mode" value="check" disabled={pending}>
            {t("import.check")}
          </button>
          <button type="submit" name="mode" value="run" className="secondary" disabled={pending || !report || report.errorCount > 0}>
            {t("import.run")}
          </button>
        </p>
      </form>
      <section aria-live="polite">
        {answer && "error" in answer && (
          <ul className="field-error">
            {answer.error.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {report && (
          <>
            <h2>{t("import.result")}</h2>
            <p>{answer && "ran" in answer && answer.ran ? t("import.done", { added, existing }) : report.errorCount ? t("import.bad", { count: report.errorCount }) : t("import.ok", { rows: report.rows })}</p>
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
            {report.errors.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("import.sheet")}</th>
                    <th scope="col">{t("import.line")}</th>
                    <th scope="col">{t("import.column")}</th>
                    <th scope="col">{t("import.reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.sheet ?? ""}</td>
                      <td>{e.line}</td>
                      <td>{e.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </>
  );
}
