"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions/session";
import { LOCALES } from "@/lib/i18n/locales";

const NAMES = { de: "Deutsch", en: "English" } as const;

export function LanguageSwitch() {
  const t = useTranslations("nav");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className="language-switch" role="group" aria-label={t("language")}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction({ locale });
              router.refresh();
            })
          }
        >
          {NAMES[locale]}
        </button>
      ))}
    </div>
  );
}
