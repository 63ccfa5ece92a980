"use client";
import { useCallback, useEffect, useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";

/**
 * Keeps what was typed in sessionStorage, so that a reload (or a crash of the
 * tab's page) does not lose it (quality target R7, docs/quality.md). Only for record forms: they
 * hold no personal data. The idempotency key is kept with the draft, so a
 * submit that did reach the server is answered with the same record.
 */
export function useDraft<V extends FieldValues>(form: UseFormReturn<V, any, any>, key: string | null, fallback: () => V) {
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    if (!key) return;
    try {
      const saved = sessionStorage.getItem(key);
      if (saved) {
        form.reset({ ...fallback(), ...JSON.parse(saved) });
        // sessionStorage exists only in the browser, after hydration: the note about a restored
        // draft can only be set from here, once.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setRestored(true);
      }
    } catch {
      // A full or disabled storage only loses the draft, never the form.
    }
    // Only what the user typed: a reset (after a save) has no field name and stores nothing.
    const subscription = form.watch((values, { name }) => {
      if (!name) return;
      try {
        sessionStorage.setItem(key, JSON.stringify(values));
      } catch {
        // see above
      }
    });
    return () => subscription.unsubscribe();
    // Restore once per form instance and key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const clear = useCallback(() => {
    setRestored(false);
    if (!key) return;
    try {
      sessionStorage.removeItem(key);
    } catch {
      // see above
    }
  }, [key]);

  return { restored, clear };
}
