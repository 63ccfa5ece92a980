"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { createOccupationAction, updateOccupationAction } from "@/app/actions/catalogue";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { occupationSchema, updateOccupationSchema } from "@/lib/occupations/schemas";

export interface OccupationRow {
  id: string;
  nameDe: string;
  nameEn: string;
  kldbCode: string | null;
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
  const t = useTranslations("occupations");
  const e = form.formState.errors;
  return (
    <>
      <Field id={`${prefix}-de`} label={t("nameDe")} error={e.nameDe}>
        <input id={`${prefix}-de`} lang="de" aria-describedby={describedBy(`${prefix}-de`)} aria-invalid={Boolean(e.nameDe)} {...form.register("nameDe")} />
      </Field>
      <Field id={`${prefix}-en`} label={t("nameEn")} error={e.nameEn}>
        <input id={`${prefix}-en`} lang="en" aria-describedby={describedBy(`${prefix}-en`)} aria-invalid={Boolean(e.nameEn)} {...form.register("nameEn")} />
      </Field>
      <Field id={`${prefix}-kldb`} label={t("kldbCode")} error={e.kldbCode} hint={t("kldbHint")}>
        <input
          id={`${prefix}-kldb`}
          inputMode="numeric"
          maxLength={5}
          autoComplete="off"
          aria-describedby={describedBy(`${prefix}-kldb`, true)}
          aria-invalid={Boolean(e.kldbCode)}
          {...form.register("kldbCode")}
        />
      </Field>
    </>
  );
}

export function CreateOccupationForm() {
  const t = useTranslations("occupations");
  const router = useRouter();
  const empty = { nameDe: "", nameEn: "", kldbCode: "" };
  const { form, onSubmit, formError, saved } = useOperationForm(occupationSchema, createOccupationAction, {
    defaultValues: empty,
    onSuccess: () => {
      form.reset(empty);
      router.refresh();
    },
  });
  return (
    <Form onSubmit={onSubmit} labelledBy="create-occupation-title">
      <h2 id="create-occupation-title">{t("create")}</h2>
      <NameFields form={form} prefix="new-occupation" />
      <FormStatus formError={formError} saved={saved} savedText={t("added")} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("createSubmit")}
      </button>
    </Form>
  );
}

export function EditOccupationForm({ occupation }: { occupation: OccupationRow }) {
  const t = useTranslations("occupations");
  const router = useRouter();
  const initial = { ...occupation, kldbCode: occupation.kldbCode ?? "" };
  const { form, onSubmit, formError, saved } = useOperationForm(updateOccupationSchema, updateOccupationAction, {
    defaultValues: initial,
    onSuccess: (updated) => {
      form.reset({ id: updated.id, nameDe: updated.nameDe, nameEn: updated.nameEn, kldbCode: updated.kldbCode ?? "", active: updated.active });
      router.refresh();
    },
  });
  return (
    <Form onSubmit={onSubmit} labelledBy="edit-occupation-title">
      <h2 id="edit-occupation-title">{t("editTitle")}</h2>
      <NameFields form={form} prefix="occupation" />
      <div className="field">
        <label>
          <input type="checkbox" aria-describedby="occupation-active-error" {...form.register("active")} /> {t("activeLabel")}
        </label>
        <span className="field-error" id="occupation-active-error" aria-live="polite">
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
export function ActiveToggle({ occupation }: { occupation: OccupationRow }) {
  const t = useTranslations("occupations");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await updateOccupationAction({ ...occupation, active: !occupation.active });
      if (result.ok) router.refresh();
      else setError(t("toggleFailed"));
    } catch {
      setError(t("toggleFailed"));
    } finally {
      setPending(false);
    }
  };
  const name = occupation.nameDe;
  return (
    <>
      <button
        type="button"
        className={occupation.active ? "secondary" : undefined}
        aria-label={occupation.active ? t("deactivateNamed", { name }) : t("reactivateNamed", { name })}
        onClick={toggle}
        disabled={pending}
      >
        {occupation.active ? t("deactivate") : t("reactivate")}
      </button>
      <span className="form-error" role="status">
        {error ?? ""}
      </span>
    </>
  );
}
