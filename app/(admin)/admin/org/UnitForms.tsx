"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { closeUnitAction, createUnitAction, renameUnitAction } from "@/app/actions/org";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import {
  CONTACT_POINT_KINDS,
  PRIORITY_AREAS,
  closeUnitSchema,
  createContactPointSchema,
  createRegionSchema,
  createSubprojectSchema,
  renameUnitSchema,
} from "@/lib/org/schemas";

function FormStatus({ formError, saved }: { formError: string | null; saved: boolean }) {
  const t = useTranslations("org");
  return (
    <p className={formError ? "form-error" : "notice"} role="status" aria-live="polite">
      {formError ?? (saved ? t("saved") : "")}
    </p>
  );
}

export function RenameUnitForm({ id, name, version }: { id: string; name: string; version: number }) {
  const t = useTranslations("org");
  const router = useRouter();
  const { form, onSubmit, formError, saved } = useOperationForm(renameUnitSchema, renameUnitAction, {
    defaultValues: { id, name, version },
    onSuccess: (unit) => {
      form.reset({ id, name: unit.name, version: unit.version });
      router.refresh();
    },
    onConflict: (current) => t("conflict", { name: (current as { name: string }).name }),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="rename-title">
      <h2 id="rename-title">{t("rename")}</h2>
      <Field id="rename-name" label={t("name")} error={e.name}>
        <input id="rename-name" aria-describedby={describedBy("rename-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <FormStatus formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("renameSubmit")}
      </button>
    </Form>
  );
}

export function CloseUnitForm({ id, version, today }: { id: string; version: number; today: string }) {
  const t = useTranslations("org");
  const router = useRouter();
  const { form, onSubmit, formError, saved } = useOperationForm(closeUnitSchema, closeUnitAction, {
    defaultValues: { id, version, activeUntil: today },
    onSuccess: () => router.refresh(),
    onConflict: (current) => t("conflict", { name: (current as { name: string }).name }),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="close-title">
      <h2 id="close-title">{t("close")}</h2>
      <p className="hint">{t("closeHint")}</p>
      <Field id="close-until" label={t("activeUntil")} error={e.activeUntil}>
        <input id="close-until" type="date" aria-describedby={describedBy("close-until")} aria-invalid={Boolean(e.activeUntil)} {...form.register("activeUntil")} />
      </Field>
      <FormStatus formError={formError} saved={saved} />
      <button type="submit" className="danger" disabled={form.formState.isSubmitting}>
        {t("closeSubmit")}
      </button>
    </Form>
  );
}

export function CreateRegionForm({ today }: { today: string }) {
  const t = useTranslations("org");
  const router = useRouter();
  const { form, onSubmit, formError, saved } = useOperationForm(createRegionSchema, createUnitAction, {
    defaultValues: { level: "region", activeFrom: today, name: "", code: "" },
    onSuccess: () => {
      form.reset({ level: "region", activeFrom: today, name: "", code: "", nameEn: "" });
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="create-region-title">
      <h2 id="create-region-title">{t("createRegion")}</h2>
      <Field id="region-code" label={t("code")} error={e.code}>
        <input id="region-code" placeholder="DE-XX" aria-describedby={describedBy("region-code")} aria-invalid={Boolean(e.code)} {...form.register("code")} />
      </Field>
      <Field id="region-name" label={t("name")} error={e.name}>
        <input id="region-name" aria-describedby={describedBy("region-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <Field id="region-name-en" label={t("nameEn")} error={e.nameEn}>
        <input id="region-name-en" aria-describedby={describedBy("region-name-en")} {...form.register("nameEn")} />
      </Field>
      <Field id="region-from" label={t("activeFrom")} error={e.activeFrom}>
        <input id="region-from" type="date" aria-describedby={describedBy("region-from")} aria-invalid={Boolean(e.activeFrom)} {...form.register("activeFrom")} />
      </Field>
      <FormStatus formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("createSubmit")}
      </button>
    </Form>
  );
}

export function CreateSubprojectForm({ parentId, today }: { parentId: string; today: string }) {
  const t = useTranslations();
  const router = useRouter();
  const initial = { level: "subproject" as const, parentId, activeFrom: today, name: "", provider: "", priorityArea: "advice" as const };
  const { form, onSubmit, formError, saved } = useOperationForm(createSubprojectSchema, createUnitAction, {
    defaultValues: initial,
    onSuccess: () => {
      form.reset(initial);
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="create-sub-title">
      <h2 id="create-sub-title">{t("org.createSubproject")}</h2>
      <Field id="sub-name" label={t("org.name")} error={e.name}>
        <input id="sub-name" aria-describedby={describedBy("sub-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <Field id="sub-provider" label={t("org.provider")} error={e.provider}>
        <input id="sub-provider" aria-describedby={describedBy("sub-provider")} aria-invalid={Boolean(e.provider)} {...form.register("provider")} />
      </Field>
      <Field id="sub-area" label={t("org.priorityArea")} error={e.priorityArea}>
        <select id="sub-area" aria-describedby={describedBy("sub-area")} {...form.register("priorityArea")}>
          {PRIORITY_AREAS.map((a) => (
            <option key={a} value={a}>
              {t(`priorityAreas.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="sub-from" label={t("org.activeFrom")} error={e.activeFrom}>
        <input id="sub-from" type="date" aria-describedby={describedBy("sub-from")} aria-invalid={Boolean(e.activeFrom)} {...form.register("activeFrom")} />
      </Field>
      <FormStatus formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("org.createSubmit")}
      </button>
    </Form>
  );
}

export function CreateContactPointForm({ parentId, today }: { parentId: string; today: string }) {
  const t = useTranslations();
  const router = useRouter();
  const initial = { level: "contact_point" as const, parentId, activeFrom: today, name: "", town: "", kind: "permanent" as const };
  const { form, onSubmit, formError, saved } = useOperationForm(createContactPointSchema, createUnitAction, {
    defaultValues: initial,
    onSuccess: () => {
      form.reset(initial);
      router.refresh();
    },
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="create-cp-title">
      <h2 id="create-cp-title">{t("org.createContactPoint")}</h2>
      <Field id="cp-name" label={t("org.name")} error={e.name}>
        <input id="cp-name" aria-describedby={describedBy("cp-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <Field id="cp-town" label={t("org.town")} error={e.town}>
        <input id="cp-town" aria-describedby={describedBy("cp-town")} aria-invalid={Boolean(e.town)} {...form.register("town")} />
      </Field>
      <Field id="cp-kind" label={t("org.kind")} error={e.kind}>
        <select id="cp-kind" aria-describedby={describedBy("cp-kind")} {...form.register("kind")}>
          {CONTACT_POINT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="cp-from" label={t("org.activeFrom")} error={e.activeFrom}>
        <input id="cp-from" type="date" aria-describedby={describedBy("cp-from")} aria-invalid={Boolean(e.activeFrom)} {...form.register("activeFrom")} />
      </Field>
      <FormStatus formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("org.createSubmit")}
      </button>
    </Form>
  );
}
