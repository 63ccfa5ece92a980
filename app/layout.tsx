import type { Metadata } from "next";
import type { ReactNode } from "react";
import { currentActor } from "@/lib/auth/session";
import { demoNotice } from "@/lib/demo-notice";
import { MESSAGES } from "@/lib/i18n/config";
import { serverI18n } from "@/lib/i18n/server";
import { Header } from "./components/Header";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await serverI18n();
  return { title: { default: t("app.name"), template: `%s · ${t("app.name")}` }, description: t("app.tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await serverI18n();
  const actor = await currentActor();
  const demo = demoNotice(t);
  return (
    <html lang={locale}>
      <body>
        {demo && (
          <div role="note" className="demo-band">
            {demo}
          </div>
        )}
        <Providers locale={locale} messages={MESSAGES[locale]}>
          <Header actor={actor} />
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
