"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { updateRecordAction } from "@/app/actions/cases";
import { Form } from "@/app/components/form";
import { useLazyOperationForm } from "@/app/components/useLazyOperationForm";
import { ConflictPanel } from "./ConflictPanel";
import { day, fieldValue, EMPTY, type KindLayout, type Names } from "./display";
import { RecordFields, type RecordFormContext } from "./RecordFields";
import { FormStatus } from "./widgets";

type Values = Record<string, unknown>;

/** A stored record as the edit form holds it: exactly the fields the update schema takes. */
export function formValues(spec: KindLayout, record: Values): Values {
  const values: Values = { id: record.id, version: record.version, occurredOn: record.occurredOn };
  if (spec.unitLevel !== "scheme") values.unitId = record.unitId;
  if (spec.clientBased) values.clientId = record.clientId ?? "";
  for (const f of spec.fields) {
    const v = record[f.name];
    values[f.name] = f.type === "multiselect" ? (Array.isArray(v) ? v : []) : f.type === "checkbox" ? Boolean(v) : v === null || v === undefined ? "" : String(v);
  }
  return values;
}

const norm = (v: unknown) => (Array.isArray(v) ? [...v].sort().join(",") : v === null || v === undefined ? "" : String(v));

export function EditRecordForm({ spec, record, context, names }: { spec: KindLayout; record: Values; context: RecordFormContext; names: Names }) {
  const kind = spec.kind;
  const t = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const loadSchema = useCallback(() => import("@/lib/records/kinds").then((m) => m.updateSchema(m.kindSpec(kind))), [kind]);
  const [conflict, setConflict] = useState<Values | null>(null);
  const { form, onSubmit, formError, saved, prefetch } = useLazyOperationForm<Values, Values>(loadSchema, (values) => updateRecordAction(kind, values), {
    defaultValues: formValues(spec, record),
    onSuccess: (updated) => {
      setConflict(null);
      form.reset(formValues(spec, updated));
      router.refresh();
    },
    onConflict: (current) => {
      setConflict(current as Values);
      return t("records.conflictTitle");
    },
  });

  const conflictRows = (): [string, string, string][] => {
    if (!conflict) return [];
    const current = formValues(spec, conflict);
    const mine: Values = form.getValues();
    const rows: [string, string, string][] = [];
    const add = (key: string, label: string, show: (v: unknown) => string) => {
      if (norm(current[key]) !== norm(mine[key])) rows.push([label, show(current[key]), show(mine[key])]);
    };
    add("occurredOn", t(`recordKinds.${spec.kind}.occurredOn`), (v) => day(format, v as string));
    if (spec.unitLevel !== "scheme") add("unitId", t(`fields.unit.${spec.unitLevel}`), (v) => names.units[v as string] ?? EMPTY);
    if (spec.clientBased) add("clientId", t("fields.clientId"), (v) => names.clients?.[v as string] ?? EMPTY);
    for (const f of spec.fields) add(f.name, t(`fields.${f.name}`), (v) => fieldValue(t, format, f, f.type === "number" && v !== "" ? Number(v) : v));
    return rows;
  };

  return (
    <div onFocusCapture={prefetch} onPointerDownCapture={prefetch}>
      <Form onSubmit={onSubmit} labelledBy="edit-record-title">
        <h2 id="edit-record-title">{t("records.edit")}</h2>
        <RecordFields form={form} spec={spec} idPrefix="edit" context={context} mode="edit" />
        {conflict && (
          <ConflictPanel
            rows={conflictRows()}
            onReapply={() => {
              form.setValue("version", conflict.version);
              setConflict(null);
              void onSubmit();
            }}
            onDiscard={() => {
              form.reset(formValues(spec, conflict));
              setConflict(null);
            }}
          />
        )}
        <FormStatus error={conflict ? null : formError} notice={saved ? t("records.saved") : null} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("records.saveChanges")}
        </button>
      </Form>
    </div>
  );
}
