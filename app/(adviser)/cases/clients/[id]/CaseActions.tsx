"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslations } from "use-intl";
import { completeReminderAction, createReminderAction, linkPersonAction, unlinkPersonAction, withdrawConsentAction } from "@/app/actions/cases";
import { Form } from "@/app/components/form";
import { useLazyOperationForm } from "@/app/components/useLazyOperationForm";
import type { Result } from "@/lib/operation";
import { FormStatus, TextInput } from "../../_components/widgets";

/**
 * A button that runs one action and refreshes the page; optionally asks first. `reload` loads the
 * whole document again instead: a refresh keeps the first answer's inline payload in the page.
 */
function ActionButton({
  label,
  name,
  confirm,
  danger,
  reload,
  run,
}: {
  label: string;
  name?: string;
  confirm?: string;
  danger?: boolean;
  reload?: boolean;
  run: () => Promise<Result<unknown>>;
}) {
  const t = useTranslations();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await run();
      if (result.ok) {
        setAsking(false);
        if (reload) window.location.reload();
        else router.refresh();
      } else setError(t("errors.unexpected"));
    } catch {
      setError(t("errors.network"));
    } finally {
      setPending(false);
    }
  };
  return (
    <span className="action-button">
      {confirm && asking ? (
        <span role="group" aria-label={confirm}>
          <span>{confirm}</span>{" "}
          <button type="button" className={danger ? "danger" : undefined} onClick={go} disabled={pending} autoFocus>
            {t("records.yes")}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            {t("records.cancel")}
          </button>
        </span>
      ) : (
        <button type="button" className={danger ? "danger" : "secondary"} aria-label={name} onClick={confirm ? () => setAsking(true) : go} disabled={pending}>
          {label}
        </button>
      )}
      {error && (
        <span className="form-error" role="status">
          {" "}
          {error}
        </span>
      )}
    </span>
  );
}

/**
 * After a withdrawal the page holds no personal data: the document is loaded again, since the
 * first answer's flight data (inline scripts with the name) and the router's cache would stay
 * in the open page through a mere refresh.
 */
export function WithdrawConsent({ clientId }: { clientId: string }) {
  const t = useTranslations("clients");
  return <ActionButton label={t("withdrawConsent")} confirm={t("withdrawQuestion")} danger reload run={() => withdrawConsentAction({ clientId })} />;
}

/** Confirms a duplicate hint: this client and the one(s) at the other contact point are one person. */
export function LinkPerson({ clientId, contactPointId, contactPoint }: { clientId: string; contactPointId: string; contactPoint: string }) {
  const t = useTranslations("clients");
  return (
    <ActionButton
      label={t("linkPerson")}
      name={t("linkPersonName", { contactPoint })}
      confirm={t("linkQuestion", { contactPoint })}
      run={() => linkPersonAction({ clientId, contactPointId })}
    />
  );
}

export function UnlinkPerson({ clientId, contactPointId, contactPoint }: { clientId: string; contactPointId: string; contactPoint: string }) {
  const t = useTranslations("clients");
  return (
    <ActionButton
      label={t("unlinkPerson")}
      name={t("unlinkPersonName", { contactPoint })}
      confirm={t("unlinkQuestion")}
      danger
      run={() => unlinkPersonAction({ clientId, contactPointId })}
    />
  );
}

export function CompleteReminder({ id, note }: { id: string; note: string }) {
  const t = useTranslations("clients");
  return <ActionButton label={t("markDone")} name={`${t("markDone")}: ${note}`} run={() => completeReminderAction({ id })} />;
}

const reminderSchema = () => import("@/lib/clients/schemas").then((m) => m.createReminderSchema);

export function AddReminderForm({ clientId, defaultDue, consentInForce }: { clientId: string; defaultDue: string; consentInForce: boolean }) {
  const t = useTranslations("clients");
  const router = useRouter();
  const initial = { clientId, dueOn: defaultDue, note: "" };
  const { form, onSubmit, formError, saved, prefetch } = useLazyOperationForm<typeof initial, unknown>(reminderSchema, createReminderAction, {
    defaultValues: initial,
    onSuccess: () => {
      form.reset(initial);
      router.refresh();
    },
  });
  const fields = form as unknown as UseFormReturn<any, any, any>;
  return (
    <div onFocusCapture={prefetch} onPointerDownCapture={prefetch}>
      <Form onSubmit={onSubmit} labelledBy="reminder-title">
        <h3 id="reminder-title">{t("addReminder")}</h3>
        <TextInput form={fields} id="reminder-due" name="dueOn" label={t("dueOn")} type="date" />
        <TextInput form={fields} id="reminder-note" name="note" label={t("reminderNote")} hint={consentInForce ? undefined : t("reminderNeedsConsent")} />
        <FormStatus error={formError} notice={saved ? t("reminderSaved") : null} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("addReminderSubmit")}
        </button>
      </Form>
    </div>
  );
}
