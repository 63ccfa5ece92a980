"use client";
import { IntlProvider } from "use-intl";
import type { ReactNode } from "react";
import type { Locale, Messages } from "@/lib/i18n/config";

export function Providers({ locale, messages, children }: { locale: Locale; messages: Messages; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone="Europe/Berlin">
      {children}
    </IntlProvider>
  );
}
