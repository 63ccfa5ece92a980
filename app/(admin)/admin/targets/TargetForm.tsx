"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { saveTargetAction } from "@/app/actions/targets";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { targetSchema } from "@/lib/figures/target-schemas";

export interface TargetRow {
  key: "initialSessions";
  fromOn: string | null;
  toOn: string | null;
  value: number | null;
  version: number;
}

export function TargetForm({ target }: { target: TargetRow }) {
  const t = useTranslations("targets");
  const router = useRouter();
  const prefix = `target-${target.key}`;
  const { form, onSubmit, formError, saved } = useOperationForm(targetSchema, saveTargetAction, {
    defaultValues: { key: target.key, fromOn: target.fromOn ?? "", toOn: target.toOn ?? "", value: target.value ?? "", version: target.version },
    onSuccess: (updated) => {
      form.reset({ key: updated.key as TargetRow["key"], fromOn: updated.fromOn, toOn: updated.toOn, value: updated.value, version: updated.version });
      router.refresh();
    },
    onConflict: () => t("conflict"),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{t(`keys.${target.key}`)}</h2>
      <input type="hidden" {...form.register("key")} />
      <input type="hidden" {...form.register("version")} />
      <Field id={`${prefix}-value`} label={t("value")} error={e.value}>
        <input id={`${prefix}-value`} inputMode="numeric" aria-describedby={describedBy(`${prefix}-value`)} aria-invalid={Boolean(e.value)} {...form.register("value")} />
      </Field>
      <Field id={`${prefix}-from`} label={t("fromOn")} error={e.fromOn}>
        <input id={`${prefix}-from`} type="date" aria-describedby={describedBy(`${prefix}-from`)} aria-invalid={Boolean(e.fromOn)} {...form.register("fromOn")} />
      </Field>
      <Field id={`${prefix}-to`} label={t("toOn")} error={e.toOn}>
        <input id={`${prefix}-to`} type="date" aria-describedby={describedBy(`${prefix}-to`)} aria-invalid={Boolean(e.toOn)} {...form.register("toOn")} />
      </Field>
      <p className={formError ? "form-error" : "notice"} role="status" aria-live="polite">
        {formError ?? (saved ? t("saved") : "")}
      </p>
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("save")}
      </button>
    </Form>
  );
}
