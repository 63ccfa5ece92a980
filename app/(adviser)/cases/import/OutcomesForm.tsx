"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import type { OutcomesReport } from "@/lib/import/outcomes";

type Answer = { report: OutcomesReport; ran: boolean } | { error: string[] };

/**
 * Outcomes from the monitoring: the same check-then-import as the import above, with the
 * source and the file's date that the figure of successful completers will name.
 */
export function OutcomesForm({ units, today }: { units: { id: string; name: string }[]; today: string }) {
  const t = useTranslations();
  const router = useRouter();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [pending, setPending] = useState(false);
  const [source, setSource] = useState("");

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ran = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value === "run";
    setPending(true);
    try {
      const response = await fetch(ran ? "/cases/import/outcomes/run" : "/cases/import/outcomes/check", { method: "POST", body: new FormData(event.currentTarget) });
      const body = await response.json();
      if (response.ok) {
        setAnswer({ report: body as OutcomesReport, ran });
        if (ran) router.refresh();
      } else setAnswer({ error: Object.values((body.error?.fieldErrors ?? { _: [body.error?.kind ?? response.status] }) as Record<string, string[]>).flat() });
    } finally {
      setPending(false);
    }
  }

  const report = answer && "report" in answer ? answer.report : null;
  const ran = !!answer && "ran" in answer && answer.ran;
  return (
    <>
      <form className="stack" onSubmit={send} aria-busy={pending}>
        <div className="field">
          <label htmlFor="outcomes-unit">{t("import.unit")}</label>
          <select id="outcomes-unit" name="contactPointId" required>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcomes-source">{t("import.outcomes.source")}</label>
          <input id="outcomes-source" name="source" required maxLength={100} value={source} onChange={(e) => setSource(e.target.value)} placeholder="ESF-Monitoring" />
        </div>
        <div className="field">
          <label htmlFor="outcomes-date">{t("import.outcomes.sourceOn")}</label>
          <input id="outcomes-date" name="sourceOn" type="date" required max={today} defaultValue={today} />
        </div>
        <div className="field">
          <label htmlFor="outcomes-file">{t("import.file")}</label>
          <input id="outcomes-file" name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
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
            <p>
              {ran
                ? t("import.outcomes.done", { source, changed: report.changed, unchanged: report.unchanged })
                : report.errorCount
                  ? t("import.bad", { count: report.errorCount })
                  : t("import.outcomes.ok", { changed: report.changed, unchanged: report.unchanged })}
            </p>
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
