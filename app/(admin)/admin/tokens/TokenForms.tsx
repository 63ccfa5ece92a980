"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { createTokenAction, revokeTokenAction } from "@/app/actions/tokens";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { createTokenSchema } from "@/lib/api/token-schemas";

export interface UserOption {
  id: string;
  name: string;
  email: string;
}

/** The plain token, shown once right after it was made; nothing else ever holds it. */
function NewToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const t = useTranslations("tokens");
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"copied" | "copyFailed" | null>(null);
  useEffect(() => heading.current?.focus(), []);
  const copyToken = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopy("copied");
    } catch {
      setCopy("copyFailed");
    }
  };
  return (
    <section className="card" aria-labelledby="new-token-title">
      <h2 id="new-token-title" ref={heading} tabIndex={-1}>
        {t("createdTitle", { name })}
      </h2>
      <p id="new-token-note">
        <strong>{t("createdNote")}</strong>
      </p>
      <div className="field">
        <label htmlFor="new-token">{t("token")}</label>
        <input id="new-token" readOnly value={token} aria-describedby="new-token-note" onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
      </div>
      <p>
        <button type="button" onClick={copyToken}>
          {t("copy")}
        </button>{" "}
        <button type="button" className="secondary" onClick={onDone}>
          {t("dismiss")}
        </button>
      </p>
      <p role="status" className={copy === "copyFailed" ? "form-error" : "notice"}>
        {copy ? t(copy) : ""}
      </p>
    </section>
  );
}

export function CreateTokenForm({ users }: { users: UserOption[] }) {
  const t = useTranslations("tokens");
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const empty = { userId: "", name: "" };
  const { form, onSubmit, formError } = useOperationForm(createTokenSchema, createTokenAction, {
    defaultValues: empty,
    onSuccess: (value) => {
      setCreated({ name: value.name, token: value.token });
      form.reset(empty);
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <div>
      {created && <NewToken name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      <Form onSubmit={onSubmit} labelledBy="create-token-title">
        <h2 id="create-token-title">{t("create")}</h2>
        <Field id="token-user" label={t("user")} error={e.userId}>
          <select id="token-user" aria-describedby={describedBy("token-user")} aria-invalid={Boolean(e.userId)} {...form.register("userId")}>
            <option value="">{t("chooseUser")}</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.email})
              </option>
            ))}
          </select>
        </Field>
        <Field id="token-name" label={t("name")} error={e.name} hint={t("nameHint")}>
          <input id="token-name" autoComplete="off" aria-describedby={describedBy("token-name", true)} aria-invalid={Boolean(e.name)} {...form.register("name")} />
        </Field>
        <p className="form-error" role="status" aria-live="polite">
          {formError ?? ""}
        </p>
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("createSubmit")}
        </button>
      </Form>
    </div>
  );
}

/** Revoking asks once more in place: the token's programs lose access at once. */
export function RevokeButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("tokens");
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    (confirming ? confirmButton : revokeButton).current?.focus();
  }, [confirming]);
  const toggle = (on: boolean) => {
    moved.current = true;
    setConfirming(on);
  };
  const revoke = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await revokeTokenAction({ id });
      if (result.ok) router.refresh();
      else setError(t("revokeFailed"));
    } catch {
      setError(t("revokeFailed"));
    } finally {
      setPending(false);
    }
  };
  return (
    <div>
      {confirming ? (
        <div role="group" aria-label={t("revokeNamed", { name })}>
          <p>{t("confirmRevoke", { name })}</p>
          <button ref={confirmButton} type="button" className="danger" onClick={revoke} disabled={pending}>
            {t("confirm")}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => toggle(false)} disabled={pending}>
            {t("cancel")}
          </button>
        </div>
      ) : (
        <button ref={revokeButton} type="button" className="secondary" aria-label={t("revokeNamed", { name })} onClick={() => toggle(true)}>
          {t("revoke")}
        </button>
      )}
      <p className="form-error" role="status">
        {error ?? ""}
      </p>
    </div>
  );
}
