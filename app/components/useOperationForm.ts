"use client";
import { useCallback } from "react";
import type { DefaultValues, FieldValues, UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { Result } from "@/lib/operation";
import { useLazyOperationForm } from "./useLazyOperationForm";

/**
 * A react-hook-form bound to the same zod schema the server parses, whose
 * submit calls a server action and shows the server's field errors next to
 * their fields. Values stay in the form whatever goes wrong.
 * (The schema is at hand here; useLazyOperationForm loads it on first use.)
 */
export function useOperationForm<S extends z.ZodType<any, FieldValues>, R>(
  schema: S,
  action: (input: z.output<S>) => Promise<Result<R>>,
  options: { defaultValues?: DefaultValues<z.input<S>>; onSuccess?: (value: R) => void; onConflict?: (current: unknown) => string },
) {
  const loadSchema = useCallback(() => Promise.resolve(schema as z.ZodType), [schema]);
  const { form, onSubmit, formError, saved } = useLazyOperationForm<z.input<S>, R>(loadSchema, action, options);
  return { form: form as unknown as UseFormReturn<z.input<S>, unknown, z.output<S>>, onSubmit, formError, saved };
}
