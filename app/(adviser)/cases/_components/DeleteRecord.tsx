"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { deleteRecordAction } from "@/app/actions/cases";

/**
 * Deleting asks once more; it carries the version seen, so a record changed meanwhile is not
 * deleted blind. Afterwards the list says what was deleted (and links its case, where the
 * deleted record can still be shown).
 */
export function DeleteRecord({
  kind,
  id,
  version,
  listHref,
  occurredOn,
  clientId,
}: {
  kind: string;
  id: string;
  version: number;
  listHref: string;
  occurredOn: string;
  clientId: string | null;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await deleteRecordAction(kind, { id, version });
      if (result.ok) {
        router.push(`${listHref}?${new URLSearchParams({ deleted: occurredOn, ...(clientId ? { deletedCase: clientId } : {}) })}`);
        return;
      }
      const e = result.error;
      setError(e.kind === "conflict" ? t("records.deleteConflict") : e.kind === "validation" ? Object.values(e.fieldErrors).flat().join(" ") : t("errors.unexpected"));
    } catch {
      setError(t("errors.network"));
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="delete-title" className="danger-zone">
      <h2 id="delete-title">{t("records.delete")}</h2>
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t("records.delete")}
        </button>
      ) : (
        <div role="group" aria-labelledby="delete-question">
          <p id="delete-question">{t("records.deleteQuestion")}</p>
          <div className="actions">
            <button type="button" className="danger" onClick={remove} disabled={pending} autoFocus>
              {t("records.deleteConfirm")}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)} disabled={pending}>
              {t("records.cancel")}
            </button>
          </div>
        </div>
      )}
      <p className="form-error" role="status" aria-live="polite">
        {error ?? ""}
      </p>
    </section>
  );
}
