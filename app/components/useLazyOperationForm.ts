"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useRef, useState, type BaseSyntheticEvent } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import type { Result } from "@/lib/operation";
import { zodErrorMap } from "@/lib/i18n/zod-errors";
import type { Translate } from "@/lib/i18n/translate";

function isShown(field: string): boolean {
  return document.querySelector(`[name="${CSS.escape(field)}"]:not([type="hidden"])`) !== null;
}

/**
 * useOperationForm with the zod schema loaded on first use instead of with the
 * page: the same schema the server parses still validates every submit, but
 * zod (about 35 KB gzipped) is not part of the page's first load (quality
 * target P6 in docs/quality.md: the log-a-session page stays under 200 KB of JavaScript). Call
 * `prefetch` on the first focus or pointer contact with the form.
 */
export function useLazyOperationForm<V extends FieldValues, R>(
  loadSchema: () => Promise<z.ZodType>,
  action: (input: any) => Promise<Result<R>>,
  options: { defaultValues?: DefaultValues<V>; onSuccess?: (value: R) => void; onConflict?: (current: unknown) => string },
) {
  const t = useTranslations() as unknown as Translate;
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const schema = useRef<Promise<z.ZodType> | null>(null);
  const loadOnce = useCallback(() => {
    // A failed chunk load (offline) is retried on the next attempt rather than remembered.
    schema.current ??= loadSchema().catch((error) => {
      schema.current = null;
      throw error;
    });
    return schema.current;
  }, [loadSchema]);
  const prefetch = useCallback(() => {
    loadOnce().catch(() => undefined);
  }, [loadOnce]);
  const resolver: Resolver<V> = async (values, context, opts) => {
    const loaded = await loadOnce();
    return (zodResolver(loaded as any, { error: zodErrorMap(t) } as any) as unknown as Resolver<V>)(values, context, opts);
  };
  const form = useForm<V>({ resolver, defaultValues: options.defaultValues });

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      setSaved(false);
      let result: Result<R>;
      try {
        result = await action(values);
      } catch {
        setFormError(t("errors.network"));
        return;
      }
      if (result.ok) {
        setSaved(true);
        options.onSuccess?.(result.value);
        return;
      }
      const error = result.error;
      if (error.kind === "validation") {
        const unshown: string[] = [];
        for (const [field, messages] of Object.entries(error.fieldErrors)) {
          if (field !== "_form" && isShown(field)) form.setError(field as Path<V>, { type: "server", message: messages.join(" ") }, { shouldFocus: true });
          else unshown.push(...messages);
        }
        if (unshown.length) setFormError(unshown.join(" "));
      } else if (error.kind === "conflict") {
        setFormError(options.onConflict?.(error.current) ?? t("errors.unexpected"));
      } else {
        setFormError(t("errors.unexpected"));
      }
    },
    (errors) => {
      const unshown = Object.entries(errors).filter(([field]) => !isShown(field));
      if (unshown.length) setFormError(unshown.map(([, e]) => (e as { message?: string })?.message ?? "").join(" "));
    },
  );
  // The schema chunk may fail to load (connection lost): say so, and keep every value.
  const onSubmit = async (event?: BaseSyntheticEvent) => {
    try {
      await submit(event);
    } catch {
      setFormError(t("errors.network"));
    }
  };
  return { form, onSubmit, formError, saved, prefetch };
}
