"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { createConsentPurposeAction, updateConsentPurposeAction } from "@/app/actions/catalogue";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { consentPurposeSchema, updateConsentPurposeSchema } from "@/lib/consent-purposes/schemas";

export interface ConsentPurposeRow {
  id: string;
  nameDe: string;
  nameEn: string;
  textVersion: string;
  active: boolean;
}

function FormStatus({ formError, saved, savedText }: { formError: string | null; saved: boolean; savedText: string }) {
  return (
    <p className={formError ? "form-error" : "notice"} role="status" aria-live="polite">
      {formError ?? (saved ? savedText : "")}
    </p>
  );
}

/** The three fields both forms share; `prefix` keeps the ids unique on the page. */
function NameFields({ form, prefix }: { form: any; prefix: string }) {
  const t = useTranslations("consentPurposes");
  const e = form.formState.errors;
  return (
    <>
      <Field id={`${prefix}-de`} label={t("nameDe")} error={e.nameDe}>
        <input id={`${prefix}-de`} lang="de" aria-describedby={describedBy(`${prefix}-de`)} aria-invalid={Boolean(e.nameDe)} {...form.register("nameDe")} />
      </Field>
      <Field id={`${prefix}-en`} label={t("nameEn")} error={e.nameEn}>
        <input id={`${prefix}-en`} lang="en" aria-describedby={describedBy(`${prefix}-en`)} aria-invalid={Boolean(e.nameEn)} {...form.register("nameEn")} />
      </Field>
      <Field id={`${prefix}-version`} label={t("textVersion")} error={e.textVersion} hint={t("textVersionHint")}>
        <input
          id={`${prefix}-version`}
          maxLength={50}
          autoComplete="off"
          aria-describedby={describedBy(`${prefix}-version`, true)}
          aria-invalid={Boolean(e.textVersion)}
          {...form.register("textVersion")}
        />
      </Field>
    </>
  );
}

export function CreateConsentPurposeForm() {
  const t = useTranslations("consentPurposes");
  const router = useRouter();
  const empty = { nameDe: "", nameEn: "", textVersion: "" };
  const { form, onSubmit, formError, saved } = useOperationForm(consentPurposeSchema, createConsentPurposeAction, {
    defaultValues: empty,
    onSuccess: () => {
      form.reset(empty);
      router.refresh();
    },
  });
  return (
    <Form onSubmit={onSubmit} labelledBy="create-purpose-title">
      <h2 id="create-purpose-title">{t("create")}</h2>
      <NameFields form={form} prefix="new-purpose" />
      <FormStatus formError={formError} saved={saved} savedText={t("added")} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("createSubmit")}
      </button>
    </Form>
  );
}

export function EditConsentPurposeForm({ purpose }: { purpose: ConsentPurposeRow }) {
  const t = useTranslations("consentPurposes");
  const router = useRouter();
  const initial = { ...purpose };
  const { form, onSubmit, formError, saved } = useOperationForm(updateConsentPurposeSchema, updateConsentPurposeAction, {
    defaultValues: initial,
    onSuccess: (updated) => {
      form.reset({ id: updated.id, nameDe: updated.nameDe, nameEn: updated.nameEn, textVersion: updated.textVersion, active: updated.active });
      router.refresh();
    },
  });
  return (
    <Form onSubmit={onSubmit} labelledBy="edit-purpose-title">
      <h2 id="edit-purpose-title">{t("editTitle")}</h2>
      <NameFields form={form} prefix="purpose" />
      <div className="field">
        <label>
          <input type="checkbox" aria-describedby="purpose-active-error" {...form.register("active")} /> {t("activeLabel")}
        </label>
        <span className="field-error" id="purpose-active-error" aria-live="polite">
          {form.formState.errors.active?.message ?? ""}
        </span>
      </div>
      <FormStatus formError={formError} saved={saved} savedText={t("saved")} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("save")}
      </button>
    </Form>
  );
}

/** Deactivate or offer again from the list, keeping every other value as it is. */
export function ActiveToggle({ purpose }: { purpose: ConsentPurposeRow }) {
  const t = useTranslations("consentPurposes");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await updateConsentPurposeAction({ ...purpose, active: !purpose.active });
      if (result.ok) router.refresh();
      else setError(t("toggleFailed"));
    } catch {
      setError(t("toggleFailed"));
    } finally {
      setPending(false);
    }
  };
  const name = `${purpose.nameDe} (${purpose.textVersion})`;
  return (
    <>
      <button
        type="button"
        className={purpose.active ? "secondary" : undefined}
        aria-label={purpose.active ? t("deactivateNamed", { name }) : t("reactivateNamed", { name })}
        onClick={toggle}
        disabled={pending}
      >
        {purpose.active ? t("deactivate") : t("reactivate")}
      </button>
      <span className="form-error" role="status">
        {error ?? ""}
      </span>
    </>
  );
}
