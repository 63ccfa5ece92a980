"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { publishEditionAction } from "@/app/actions/editions";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { publishEditionSchema } from "@/lib/editions/schemas";

/** A report of any period published as an edition (the yearly "in figures", for instance); opens its page when done. */
export function PublishForm({ scopes }: { scopes: { value: string; label: string }[] }) {
  const t = useTranslations("editions.publish");
  const router = useRouter();
  const { form, onSubmit, formError } = useOperationForm(publishEditionSchema, publishEditionAction, {
    defaultValues: { title: "", from: "", to: "", asOf: "", completersAsOf: "", scope: "network" },
    onSuccess: (edition) => router.push(`/reports/editions/${edition.id}`),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="publish-title">
      <h2 id="publish-title">{t("heading")}</h2>
      <p>{t("intro")}</p>
      <Field id="edition-title" label={t("title")} error={e.title}>
        <input id="edition-title" aria-describedby={describedBy("edition-title")} aria-invalid={Boolean(e.title)} {...form.register("title")} />
      </Field>
      <Field id="edition-scope" label={t("scope")} hint={t("scopeHint")} error={e.scope}>
        <select id="edition-scope" aria-describedby={describedBy("edition-scope", true)} aria-invalid={Boolean(e.scope)} {...form.register("scope")}>
          {scopes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="edition-from" label={t("from")} error={e.from}>
        <input id="edition-from" type="date" aria-describedby={describedBy("edition-from")} aria-invalid={Boolean(e.from)} {...form.register("from")} />
      </Field>
      <Field id="edition-to" label={t("to")} error={e.to}>
        <input id="edition-to" type="date" aria-describedby={describedBy("edition-to")} aria-invalid={Boolean(e.to)} {...form.register("to")} />
      </Field>
      <Field id="edition-asOf" label={t("asOf")} hint={t("asOfHint")} error={e.asOf}>
        <input id="edition-asOf" aria-describedby={describedBy("edition-asOf", true)} aria-invalid={Boolean(e.asOf)} {...form.register("asOf")} />
      </Field>
      <Field id="edition-completersAsOf" label={t("completersAsOf")} hint={t("completersAsOfHint")} error={e.completersAsOf}>
        <input id="edition-completersAsOf" aria-describedby={describedBy("edition-completersAsOf", true)} aria-invalid={Boolean(e.completersAsOf)} {...form.register("completersAsOf")} />
      </Field>
      <p className={formError ? "form-error" : "notice"} role="status" aria-live="polite">
        {formError ?? ""}
      </p>
      <button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? t("publishing") : t("submit")}
      </button>
    </Form>
  );
}
