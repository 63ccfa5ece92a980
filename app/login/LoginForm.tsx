"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslations } from "use-intl";
import type { z } from "zod";
import { sameOriginPath } from "@/lib/auth/same-origin";
import { loginSchema } from "@/lib/auth/schemas";
import { zodErrorMap } from "@/lib/i18n/zod-errors";
import type { Translate } from "@/lib/i18n/translate";
import { Field, Form, describedBy } from "@/app/components/form";

export function LoginForm({ callbackPath, notice }: { callbackPath: string | null; notice: string | null }) {
  const t = useTranslations() as unknown as Translate;
  const router = useRouter();
  const [error, setError] = useState<string | null>(notice);
  const { register, handleSubmit, formState } = useForm<z.input<typeof loginSchema>>({
    resolver: zodResolver(loginSchema, { error: zodErrorMap(t) } as any),
  });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("credentials", { ...values, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      // Checked again here: this is where the browser actually goes.
      router.replace(sameOriginPath(callbackPath, window.location.origin) ?? "/");
      router.refresh();
      return;
    }
    setError(result?.error === "throttled" ? t("login.throttled") : result?.error === "slowed" ? t("login.slowed") : result ? t("login.failed") : t("errors.network"));
  });
  return (
    <Form onSubmit={onSubmit}>
      <p className="form-error" role="alert" aria-live="assertive">
        {error ?? ""}
      </p>
      <Field id="email" label={t("login.email")} error={formState.errors.email}>
        <input id="email" type="email" autoComplete="username" aria-describedby={describedBy("email")} aria-invalid={Boolean(formState.errors.email)} {...register("email")} />
      </Field>
      <Field id="password" label={t("login.password")} error={formState.errors.password}>
        <input id="password" type="password" autoComplete="current-password" aria-describedby={describedBy("password")} aria-invalid={Boolean(formState.errors.password)} {...register("password")} />
      </Field>
      <button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("login.submitting") : t("login.submit")}
      </button>
    </Form>
  );
}
