"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { createClientAction, updateClientAction } from "@/app/actions/cases";
import { Form } from "@/app/components/form";
import { useLazyOperationForm } from "@/app/components/useLazyOperationForm";
import { ConflictPanel } from "../_components/ConflictPanel";
import { newIdempotencyKey } from "../_components/keys";
import { FormStatus } from "../_components/widgets";
import { ClientFields, type ClientFormOptions } from "./ClientFields";

// No draft in sessionStorage here: this form holds personal data, which stays out of browser storage.

// The schemas the server parses, loaded on first contact with the form (see useLazyOperationForm).
const createSchema = () => import("@/lib/clients/schemas").then((m) => m.createClientSchema);
const updateSchema = () => import("@/lib/clients/schemas").then((m) => m.updateClientSchema);

const CONSENT = { consentGivenOn: "", consentPurposeId: "" };
const PERSONAL = { fullName: "", phone: "", email: "", notes: "" };

export function NewClientForm({ options }: { options: ClientFormOptions }) {
  const t = useTranslations();
  const router = useRouter();
  // One key per form instance, kept across failed submits: a retry cannot make a second client.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { form, onSubmit, formError, prefetch } = useLazyOperationForm<Record<string, unknown>, { id: string }>(createSchema, createClientAction, {
    defaultValues: {
      idempotencyKey,
      contactPointId: options.contactPoints[0]?.value ?? "",
      gender: "not_stated",
      birthYear: "",
      qualificationCountry: "",
      citizenship: "",
      residenceStatus: "not_stated",
      inGermanySince: "",
      germanLevel: "",
      qualificationLevel: "",
      occupationId: "",
      regulatedProfession: "",
      ...PERSONAL,
      ...CONSENT,
    },
    onSuccess: (client) => router.push(`/cases/clients/${client.id}`),
  });
  return (
    <div onFocusCapture={prefetch} onPointerDownCapture={prefetch}>
      <Form onSubmit={onSubmit} labelledBy="client-form-title">
        <h2 id="client-form-title" className="visually-hidden">
          {t("clients.new")}
        </h2>
        <ClientFields form={form} options={options} mode="create" consentOnRecord={null} />
        <FormStatus error={formError} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("clients.create")}
        </button>
      </Form>
    </div>
  );
}

export interface EditableClient {
  id: string;
  version: number;
  gender: string;
  birthYear: number | null;
  qualificationCountry: string | null;
  citizenship: string | null;
  residenceStatus: string;
  inGermanySince: number | null;
  germanLevel: string | null;
  qualificationLevel: string | null;
  occupationId: string | null;
  regulatedProfession: boolean | null;
  fullName: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
}

const FIELDS = ["gender", "birthYear", "qualificationCountry", "citizenship", "residenceStatus", "inGermanySince", "germanLevel", "qualificationLevel", "occupationId", "regulatedProfession", "fullName", "phone", "email", "notes"] as const;

function editValues(client: EditableClient) {
  const values: Record<string, unknown> = { id: client.id, version: client.version, ...CONSENT };
  for (const f of FIELDS) values[f] = client[f] === null || client[f] === undefined ? "" : String(client[f]);
  return values;
}

export function EditClientForm({ client, options, consentOnRecord }: { client: EditableClient; options: ClientFormOptions; consentOnRecord: string | null }) {
  const t = useTranslations();
  const router = useRouter();
  const [conflict, setConflict] = useState<EditableClient | null>(null);
  const { form, onSubmit, formError, prefetch } = useLazyOperationForm<Record<string, unknown>, unknown>(updateSchema, updateClientAction, {
    defaultValues: editValues(client),
    onSuccess: () => router.push(`/cases/clients/${client.id}`),
    onConflict: (current) => {
      setConflict(current as EditableClient);
      return t("records.conflictTitle");
    },
  });

  const label = (f: string, v: string) => {
    if (!v) return "—";
    if (f === "qualificationCountry" || f === "citizenship") return options.countries.find((c) => c.value === v)?.label ?? v;
    if (f === "occupationId") return options.occupations.find((o) => o.value === v)?.label ?? v;
    if (f === "regulatedProfession") return t(v === "true" ? "values.yes" : "values.no");
    if (["gender", "residenceStatus", "germanLevel", "qualificationLevel"].includes(f)) return t(`values.${f}.${v}`);
    return v;
  };
  const rows = (): [string, string, string][] => {
    if (!conflict) return [];
    const current = editValues(conflict);
    const mine: Record<string, unknown> = form.getValues();
    return FIELDS.filter((f) => String(current[f] ?? "") !== String(mine[f] ?? "")).map((f) => [
      t(`clients.${f === "occupationId" ? "occupation" : f}`),
      label(f, String(current[f] ?? "")),
      label(f, String(mine[f] ?? "")),
    ]);
  };

  return (
    <div onFocusCapture={prefetch} onPointerDownCapture={prefetch}>
      <Form onSubmit={onSubmit} labelledBy="client-form-title">
        <h2 id="client-form-title" className="visually-hidden">
          {t("clients.edit")}
        </h2>
        <ClientFields form={form} options={options} mode="edit" consentOnRecord={consentOnRecord} />
        {conflict && (
          <ConflictPanel
            rows={rows()}
            onReapply={() => {
              form.setValue("version", conflict.version);
              setConflict(null);
              void onSubmit();
            }}
            onDiscard={() => {
              form.reset(editValues(conflict));
              setConflict(null);
            }}
          />
        )}
        <FormStatus error={conflict ? null : formError} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("clients.save")}
        </button>
      </Form>
    </div>
  );
}
