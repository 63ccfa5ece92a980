"use client";
import { useEffect, useState, type FormEventHandler, type ReactNode } from "react";
import type { FieldError } from "react-hook-form";

/** A labelled field whose error is tied to the input (aria-describedby) and announced when it appears. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: FieldError | { message?: string };
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      <span className="field-error" id={`${id}-error`} aria-live="polite">
        {error?.message ?? ""}
      </span>
    </div>
  );
}

export function describedBy(id: string, hint?: boolean) {
  return hint ? `${id}-hint ${id}-error` : `${id}-error`;
}

/**
 * A form whose fields stay disabled until the page is interactive, so that
 * nothing typed before hydration is silently replaced by the form's defaults.
 */
export function Form({ onSubmit, labelledBy, children }: { onSubmit: FormEventHandler<HTMLFormElement>; labelledBy?: string; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  // The second render after hydration is the point: it is what enables the fields.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setReady(true), []);
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={labelledBy}>
      <fieldset className="plain" disabled={!ready}>
        {children}
      </fieldset>
    </form>
  );
}
