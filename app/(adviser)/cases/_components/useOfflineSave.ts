"use client";
import { useCallback, useEffect, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { CORRECT_QUEUED } from "@/app/components/offline/OfflineQueue";
import { enqueue, queuedRecords, removeQueued, type QueuedRecord } from "@/app/components/offline/queue";
import type { Result } from "@/lib/operation";

export type SavedRecord = { id: string; queued?: boolean };

function isShown(field: string): boolean {
  return document.querySelector(`[name="${CSS.escape(field)}"]:not([type="hidden"])`) !== null;
}

/**
 * A field form's save that works without a connection (README, "Offline use"): offline, or when
 * the request fails on the way, the record goes into the browser's queue with its idempotency key
 * and the form is free for the next one. A refused record from the queue opens here for
 * correction, with the server's field errors; saving it replaces the queued one.
 * `offline` is null on forms that are not used in the field: they save as before.
 */
export function useOfflineSave(
  form: UseFormReturn<Record<string, unknown>>,
  offline: { userId: string; kind: string; slug: string } | null,
  initial: () => Record<string, unknown>,
) {
  const [correcting, setCorrecting] = useState<{ key: string; messages: string[] } | null>(null);

  const show = useCallback(
    (item: QueuedRecord | undefined) => {
      if (!item) return;
      form.reset({ ...initial(), ...item.values });
      const messages: string[] = [];
      for (const [field, list] of Object.entries(item.fieldErrors ?? {})) {
        if (field !== "_form" && isShown(field)) form.setError(field, { type: "server", message: list.join(" ") }, { shouldFocus: true });
        else messages.push(...list);
      }
      setCorrecting({ key: item.key, messages });
    },
    [form, initial],
  );

  const open = useCallback(
    (key: string) => {
      if (!offline) return;
      queuedRecords(offline.userId)
        .then((list) => show(list.find((q) => q.key === key)))
        .catch(() => undefined);
    },
    [offline, show],
  );

  useEffect(() => {
    if (!offline) return;
    const match = /^#queued=(.+)$/.exec(window.location.hash);
    if (match) open(decodeURIComponent(match[1]));
    const onCorrect = (event: Event) => open((event as CustomEvent<string>).detail);
    window.addEventListener(CORRECT_QUEUED, onCorrect);
    return () => window.removeEventListener(CORRECT_QUEUED, onCorrect);
  }, [offline, open]);

  /** Wraps the server action: sends when it can, queues when it cannot. */
  const save = useCallback(
    async (values: Record<string, unknown>, send: (values: Record<string, unknown>) => Promise<Result<{ id: string }>>): Promise<Result<SavedRecord>> => {
      if (!offline) return send(values);
      const queue = async (): Promise<Result<SavedRecord>> => {
        await enqueue({ key: String(values.idempotencyKey), userId: offline.userId, kind: offline.kind, slug: offline.slug, values, queuedAt: Date.now() });
        return { ok: true, value: { id: "", queued: true } };
      };
      if (!navigator.onLine) return queue();
      let result: Result<{ id: string }>;
      try {
        result = await send(values);
      } catch {
        // Lost on the way: it may have reached the server; the queue resends it with the same key.
        return queue();
      }
      if (result.ok && correcting) await removeQueued(offline.userId, correcting.key);
      return result;
    },
    [offline, correcting],
  );

  return { save, correcting, doneCorrecting: () => setCorrecting(null) };
}
