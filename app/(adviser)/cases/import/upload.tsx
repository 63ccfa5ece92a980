"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import type { RowError } from "@/lib/import/check";

type Answer<R> = { report: R; ran: boolean } | { error: string[] };

export const REFRESH_MS = 2_000;

/**
 * What the import form and the outcomes form share: the file is sent to `check` or, by the
 * "run" button, to `run`; the answer is a report, or the refusal's messages.
 */
export function useUpload<R>(paths: { check: string; run: string }) {
  const router = useRouter();
  const [answer, setAnswer] = useState<Answer<R> | null>(null);
  const [pending, setPending] = useState(false);

  async function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ran = ((event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value === "run";
    setPending(true);
    // The page's list shows the import's progress (lib/import/progress.ts) while it runs.
    const refreshing = ran ? setInterval(() => router.refresh(), REFRESH_MS) : undefined;
    try {
      const response = await fetch(ran ? paths.run : paths.check, { method: "POST", body: new FormData(event.currentTarget) });
      const body = await response.json();
      if (response.ok) {
        setAnswer({ report: body as R, ran });
        if (ran) router.refresh();
      } else setAnswer({ error: Object.values((body.error?.fieldErrors ?? { _: [body.error?.kind ?? response.status] }) as Record<string, string[]>).flat() });
    } finally {
      clearInterval(refreshing);
      setPending(false);
    }
  }

  const report = answer && "report" in answer ? answer.report : null;
  const ran = !!answer && "ran" in answer && answer.ran;
  const refusal = answer && "error" in answer ? answer.error : null;
  return { send, pending, report, ran, refusal };
}

export function UnitField({ id, units }: { id: string; units: { id: string; name: string }[] }) {
  const t = useTranslations();
  return (
    <div className="field">
      <label htmlFor={id}>{t("import.unit")}</label>
      <select id={id} name="contactPointId" required>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function FileField({ id }: { id: string }) {
  const t = useTranslations();
  return (
    <div className="field">
      <label htmlFor={id}>{t("import.file")}</label>
      <input id={id} name="file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
    </div>
  );
}

export function UploadButtons({ pending, canRun }: { pending: boolean; canRun: boolean }) {
  const t = useTranslations();
  return (
    <p className="actions">
      <button type="submit" name="mode" value="check" disabled={pending}>
        {t("import.check")}
      </button>
      <button type="submit" name="mode" value="run" className="secondary" disabled={pending || !canRun}>
        {t("import.run")}
      </button>
    </p>
  );
}

export function RefusalList({ lines }: { lines: string[] | null }) {
  if (!lines) return null;
  return (
    <ul className="field-error">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** Every bad row: its sheet, line, the column as the file spells it, and the reason. */
export function RowErrorsTable({ errors }: { errors: RowError[] }) {
  const t = useTranslations();
  if (errors.length === 0) return null;
  return (
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
        {errors.map((e, i) => (
          <tr key={i}>
            <td>{e.sheet ?? ""}</td>
            <td>{e.line}</td>
            <td>{e.column}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
