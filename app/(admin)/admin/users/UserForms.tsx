"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useState } from "react";
import { createUserAction, setPasswordAction, setUserActiveAction, updateUserAction } from "@/app/actions/users";
import { MultiCombobox } from "@/app/components/Combobox";
import { Field, Form, describedBy } from "@/app/components/form";
import { useOperationForm } from "@/app/components/useOperationForm";
import { ROLE_VALUES, createUserSchema, setPasswordSchema, updateUserSchema } from "@/lib/users/schemas";

export interface UnitOption {
  id: string;
  name: string;
  level: string;
  town: string | null;
  regionName: string | null;
  /** A contact point's subproject: found by its name too. */
  parentName: string | null;
}
export interface RegionOption {
  id: string;
  name: string;
}

function AssignmentFields({ form, regions, units }: { form: any; regions: RegionOption[]; units: UnitOption[] }) {
  const t = useTranslations();
  const role = form.watch("role");
  const unitIds: string[] = form.watch("unitIds") ?? [];
  const e = form.formState.errors;
  return (
    <>
      <Field id="user-role" label={t("users.role")} error={e.role}>
        <select id="user-role" aria-describedby={describedBy("user-role")} {...form.register("role")}>
          {ROLE_VALUES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {role === "regional_coordinator" && (
        <Field id="user-region" label={t("users.region")} error={e.regionId}>
          <select id="user-region" aria-describedby={describedBy("user-region")} aria-invalid={Boolean(e.regionId)} {...form.register("regionId")}>
            <option value="">{t("users.chooseRegion")}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {role === "adviser" && (
        <Field id="user-units" label={t("users.units")} error={e.unitIds} hint={t("users.unitsHint")}>
          <MultiCombobox
            id="user-units"
            label={t("users.units")}
            options={units.map((u) => ({
              id: u.id,
              label: u.name,
              detail: [t(`levels.${u.level}`), u.town, u.regionName ?? t("org.national")].filter(Boolean).join(" · "),
              keywords: u.parentName ?? "",
            }))}
            value={unitIds}
            onChange={(ids) => form.setValue("unitIds", ids, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })}
            describedBy={describedBy("user-units", true)}
            invalid={Boolean(e.unitIds)}
          />
        </Field>
      )}
    </>
  );
}

function Status({ formError, saved }: { formError: string | null; saved: boolean }) {
  const t = useTranslations("users");
  return (
    <p className={formError ? "form-error" : "notice"} role="status" aria-live="polite">
      {formError ?? (saved ? t("saved") : "")}
    </p>
  );
}

export function CreateUserForm({ regions, units }: { regions: RegionOption[]; units: UnitOption[] }) {
  const t = useTranslations("users");
  const router = useRouter();
  const { form, onSubmit, formError, saved } = useOperationForm(createUserSchema, createUserAction, {
    defaultValues: { email: "", name: "", password: "", role: "adviser", regionId: "", unitIds: [] },
    onSuccess: (user) => router.push(`/admin/users/${user.id}`),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit}>
      <Field id="user-email" label={t("email")} error={e.email}>
        <input id="user-email" type="email" autoComplete="off" aria-describedby={describedBy("user-email")} aria-invalid={Boolean(e.email)} {...form.register("email")} />
      </Field>
      <Field id="user-name" label={t("name")} error={e.name}>
        <input id="user-name" aria-describedby={describedBy("user-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <Field id="user-password" label={t("password")} error={e.password} hint={t("passwordHint")}>
        <input id="user-password" type="password" autoComplete="new-password" aria-describedby={describedBy("user-password", true)} aria-invalid={Boolean(e.password)} {...form.register("password")} />
      </Field>
      <AssignmentFields form={form} regions={regions} units={units} />
      <Status formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("create")}
      </button>
    </Form>
  );
}

export interface EditableUser {
  id: string;
  name: string;
  role: (typeof ROLE_VALUES)[number];
  regionId: string | null;
  unitIds: string[];
  version: number;
  active: boolean;
}

export function EditUserForm({ user, regions, units }: { user: EditableUser; regions: RegionOption[]; units: UnitOption[] }) {
  const t = useTranslations("users");
  const router = useRouter();
  const { form, onSubmit, formError, saved } = useOperationForm(updateUserSchema, updateUserAction, {
    defaultValues: { id: user.id, name: user.name, role: user.role, regionId: user.regionId ?? "", unitIds: user.unitIds, version: user.version },
    // Continue from the saved version, so that the next edit is not mistaken for a stale one.
    onSuccess: (saved) => {
      form.reset({ ...form.getValues(), version: saved.version });
      router.refresh();
    },
    onConflict: () => t("conflict"),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="edit-user-title">
      <h2 id="edit-user-title">{t("edit")}</h2>
      <Field id="user-name" label={t("name")} error={e.name}>
        <input id="user-name" aria-describedby={describedBy("user-name")} aria-invalid={Boolean(e.name)} {...form.register("name")} />
      </Field>
      <AssignmentFields form={form} regions={regions} units={units} />
      <Status formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("save")}
      </button>
    </Form>
  );
}

export function ActiveToggle({ user }: { user: EditableUser }) {
  const t = useTranslations();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const toggle = async () => {
    setPending(true);
    setError(null);
    try {
      const result = await setUserActiveAction({ id: user.id, active: !user.active, version: user.version });
      if (result.ok) router.refresh();
      else setError(result.error.kind === "validation" ? Object.values(result.error.fieldErrors).flat().join(" ") : t("users.conflict"));
    } catch {
      setError(t("errors.network"));
    } finally {
      setPending(false);
    }
  };
  return (
    <div>
      <button type="button" className={user.active ? "danger" : undefined} onClick={toggle} disabled={pending}>
        {user.active ? t("users.deactivate") : t("users.reactivate")}
      </button>
      <p className="form-error" role="status">
        {error ?? ""}
      </p>
    </div>
  );
}

export function SetPasswordForm({ id }: { id: string }) {
  const t = useTranslations("users");
  const { form, onSubmit, formError, saved } = useOperationForm(setPasswordSchema, setPasswordAction, {
    defaultValues: { id, password: "" },
    onSuccess: () => form.reset({ id, password: "" }),
  });
  const e = form.formState.errors;
  return (
    <Form onSubmit={onSubmit} labelledBy="password-title">
      <h2 id="password-title">{t("setPassword")}</h2>
      <Field id="new-password" label={t("newPassword")} error={e.password} hint={t("passwordHint")}>
        <input id="new-password" type="password" autoComplete="new-password" aria-describedby={describedBy("new-password", true)} aria-invalid={Boolean(e.password)} {...form.register("password")} />
      </Field>
      <Status formError={formError} saved={saved} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t("save")}
      </button>
    </Form>
  );
}
