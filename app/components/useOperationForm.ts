"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import type { Result } from "@/lib/operation";
import { zodErrorMap } from "@/lib/i18n/zod-errors";
import type { Translate } from "@/lib/i18n/translate";

/** Errors of fields not on screen (hidden, or not part of the form) are said at the form's top instead. */
function isShown(field: string): boolean {
  return document.querySelector(`[name="${CSS.escape(field)}"]:not([type="hidden"])`) !== null;
}

/**
 * A react-hook-form bound to the same zod schema the server parses, whose
 * submit calls a server action and shows the server's field errors next to
 * their fields. Values stay in the form whatever goes wrong.
 */
export function useOperationForm<S extends z.ZodType<any, FieldValues>, R>(
  schema: S,
  action: (input: z.output<S>) => Promise<Result<R>>,
  options: { defaultValues?: DefaultValues<z.input<S>>; onSuccess?: (value: R) => void; onConflict?: (current: unknown) => string },
) {
  const t = useTranslations() as unknown as Translate;
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as any, { error: zodErrorMap(t) } as any) as any,
    defaultValues: options.defaultValues,
  });
  const onSubmit = form.handleSubmit(async (values) => {
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
        if (field !== "_form" && isShown(field)) {
          form.setError(field as Path<z.input<S>>, { type: "server", message: messages.join(" ") }, { shouldFocus: true });
        } else unshown.push(...messages);
      }
      if (unshown.length) setFormError(unshown.join(" "));
    } else if (error.kind === "conflict") {
      setFormError(options.onConflict?.(error.current) ?? t("errors.unexpected"));
    } else {
      setFormError(t("errors.unexpected"));
    }
  }, (errors) => {
    const unshown = Object.entries(errors).filter(([field]) => !isShown(field));
    if (unshown.length) setFormError(unshown.map(([, e]) => (e as { message?: string })?.message ?? "").join(" "));
  });
  return { form, onSubmit, formError, saved };
}
