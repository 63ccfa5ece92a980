"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { createRecordAction } from "@/app/actions/cases";
import { Form } from "@/app/components/form";
import { useLazyOperationForm } from "@/app/components/useLazyOperationForm";
import type { KindLayout } from "./display";
import { newIdempotencyKey } from "./keys";
import { RecordFields, type RecordFormContext } from "./RecordFields";
import { useDraft } from "./useDraft";
import { FormStatus } from "./widgets";
import { PersonalLink } from "./PersonalLink";
import { useOfflineSave, type SavedRecord } from "./useOfflineSave";

/** Blank values for every field, so that inputs are never uncontrolled-then-controlled and a reset clears them all. */
export function blankValues(spec: KindLayout): Record<string, unknown> {
  return Object.fromEntries(spec.fields.map((f) => [f.name, f.type === "multiselect" ? [] : f.type === "checkbox" ? false : ""]));
}

/** Only the keys the create schema takes (it is strict): a page's suggestions may name more. */
function createValues(spec: KindLayout, defaults: Record<string, unknown>): Record<string, unknown> {
  const keys = ["occurredOn", spec.unitLevel === "scheme" ? "schemeId" : "unitId", ...(spec.clientBased ? ["clientId"] : [])];
  const values: Record<string, unknown> = { ...blankValues(spec), ...Object.fromEntries(keys.map((k) => [k, ""])) };
  for (const [k, v] of Object.entries(defaults)) if (k in values && v !== undefined && v !== null) values[k] = v;
  return values;
}

export function CreateRecordForm({
  spec,
  context,
  defaults,
  title,
  idPrefix,
  stay = false,
  draft = true,
  offlineUserId,
}: {
  spec: KindLayout;
  context: RecordFormContext;
  /** Values the page suggests: today, the adviser's own unit, the stage the client is at. */
  defaults: Record<string, unknown>;
  title: string;
  idPrefix: string;
  /** Stay on the page after saving (quick forms on the client page) instead of opening the new record. */
  stay?: boolean;
  draft?: boolean;
  /** A field form: saved into the browser's queue when offline (README, "Offline use"). */
  offlineUserId?: string;
}) {
  const t = useTranslations("records");
  const tOffline = useTranslations("offline");
  const router = useRouter();
  const kind = spec.kind;
  // The same schema the server parses, loaded on first contact with the form (see useLazyOperationForm).
  const loadSchema = useCallback(() => import("@/lib/records/kinds").then((m) => m.createSchema(m.kindSpec(kind))), [kind]);
  const defaultsKey = JSON.stringify(defaults);
  const initial = useCallback(
    () => ({ ...createValues(spec, defaults), idempotencyKey: newIdempotencyKey() }),
    // defaultsKey stands for defaults: the page passes a new object with the same content on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spec, defaultsKey],
  );
  // One key per form instance: kept across failed submits, replaced only after a save.
  const [first] = useState(initial);
  const [created, setCreated] = useState<{ id: string } | null>(null);
  const [queued, setQueued] = useState(false);
  const clearDraft = useRef(() => {});
  const offlineSave = useRef<ReturnType<typeof useOfflineSave> | null>(null);

  const send = (values: Record<string, unknown>) => createRecordAction(kind, values);
  const { form, onSubmit, formError, saved, prefetch } = useLazyOperationForm<Record<string, unknown>, SavedRecord>(loadSchema, (values) => offlineSave.current?.save(values, send) ?? send(values), {
    defaultValues: first,
    onSuccess: (record) => {
      clearDraft.current();
      offlineSave.current?.doneCorrecting();
      setQueued(Boolean(record.queued));
      if (record.queued) {
        form.reset(initial());
        return;
      }
      if (!stay) {
        router.push(`/cases/records/${spec.slug}/${record.id}`);
        return;
      }
      setCreated(record);
      form.reset(initial());
      router.refresh();
    },
  });
  const offline = useMemo(() => (offlineUserId ? { userId: offlineUserId, kind, slug: spec.slug } : null), [offlineUserId, kind, spec.slug]);
  const offlineState = useOfflineSave(form, offline, initial);
  useEffect(() => {
    offlineSave.current = offlineState;
  });
  const { restored, clear } = useDraft(form, draft ? `lotse:draft:${spec.kind}:${context.fixedClient?.id ?? ""}` : null, initial);
  useEffect(() => {
    clearDraft.current = clear;
  }, [clear]);

  // After a save the page brings new suggestions (a second session is a follow-up): take them while nothing is typed.
  const mounted = useRef(false);
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    if (!form.formState.isDirty) form.reset({ ...initial(), idempotencyKey: form.getValues("idempotencyKey") });
    // Only new suggestions from the page count, not a new form or initial() on a re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [defaultsKey]);

  const discard = () => {
    clear();
    form.reset(initial());
  };

  return (
    <div onFocusCapture={prefetch} onPointerDownCapture={prefetch}>
      <Form onSubmit={onSubmit} labelledBy={`${idPrefix}-heading`}>
        <h2 id={`${idPrefix}-heading`}>{title}</h2>
        {restored && (
          <p className="draft-note">
            {t("draftRestored")}{" "}
            <button type="button" className="link-button" onClick={discard}>
              {t("discardDraft")}
            </button>
          </p>
        )}
        {offlineState.correcting && (
          <p className="draft-note">
            {tOffline("correcting")} {offlineState.correcting.messages.join(" ")}
          </p>
        )}
        <RecordFields form={form} spec={spec} idPrefix={idPrefix} context={context} mode="create" />
        <FormStatus error={formError} notice={saved && queued ? tOffline("queued") : saved && stay ? t("savedNew") : null} />
        {saved && stay && created && (
          <p>
            <PersonalLink href={`/cases/records/${spec.slug}/${created.id}`}>{t("openSaved")}</PersonalLink>
          </p>
        )}
        <button type="submit" disabled={form.formState.isSubmitting}>
          {t("save")}
        </button>
      </Form>
    </div>
  );
}
