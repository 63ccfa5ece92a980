"use client";
import type { InputHTMLAttributes } from "react";
import type { UseFormReturn } from "react-hook-form";
import { Field, describedBy } from "@/app/components/form";

// Thin wrappers over the shared Field: a label for every input, its error tied to it (aria-describedby).

type AnyForm = UseFormReturn<any, any, any>;
export interface Option {
  value: string;
  label: string;
}

function errorOf(form: AnyForm, name: string): { message?: string } | undefined {
  return form.formState.errors[name] as { message?: string } | undefined;
}

interface Base {
  form: AnyForm;
  id: string;
  name: string;
  label: string;
  hint?: string;
}

export function TextInput({ form, id, name, label, hint, ...input }: Base & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "id" | "name">) {
  const error = errorOf(form, name);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <input id={id} aria-describedby={describedBy(id, Boolean(hint))} aria-invalid={Boolean(error)} {...input} {...form.register(name)} />
    </Field>
  );
}

export function TextArea({ form, id, name, label, hint }: Base) {
  const error = errorOf(form, name);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <textarea id={id} rows={4} aria-describedby={describedBy(id, Boolean(hint))} aria-invalid={Boolean(error)} {...form.register(name)} />
    </Field>
  );
}

/** A select; `placeholder` adds an empty first choice ("please choose" or "not stated"). */
export function SelectInput({ form, id, name, label, hint, options, placeholder }: Base & { options: Option[]; placeholder?: string }) {
  const error = errorOf(form, name);
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      <select id={id} aria-describedby={describedBy(id, Boolean(hint))} aria-invalid={Boolean(error)} {...form.register(name)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Several choices: checkboxes in a fieldset whose legend names the question (better than <select multiple>). */
export function ChoiceGroup({ form, id, name, label, options }: Base & { options: Option[] }) {
  const error = errorOf(form, name);
  return (
    <fieldset className="choices" aria-describedby={`${id}-error`} aria-invalid={Boolean(error)}>
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="checkbox" value={o.value} {...form.register(name)} /> {o.label}
        </label>
      ))}
      <span className="field-error" id={`${id}-error`} aria-live="polite">
        {error?.message ?? ""}
      </span>
    </fieldset>
  );
}

export function CheckboxInput({ form, id, name, label }: Base) {
  const error = errorOf(form, name);
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        <input id={id} type="checkbox" aria-describedby={describedBy(id)} {...form.register(name)} /> {label}
      </label>
      <span className="field-error" id={`${id}-error`} aria-live="polite">
        {error?.message ?? ""}
      </span>
    </div>
  );
}

export function FormStatus({ error, notice }: { error: string | null; notice?: string | null }) {
  return (
    <p className={error ? "form-error" : "notice"} role="status" aria-live="polite">
      {error ?? notice ?? ""}
    </p>
  );
}
