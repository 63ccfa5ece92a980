import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { homePath } from "@/lib/auth/home";
import { sameOriginPath } from "@/lib/auth/same-origin";
import { env } from "@/lib/env";
import { serverI18n } from "@/lib/i18n/server";
import { LoginForm } from "./LoginForm";

export async function generateMetadata() {
  const { t } = await serverI18n();
  return { title: t("login.title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await currentActor();
  const params = await searchParams;
  const callbackPath = sameOriginPath(params.callbackUrl, env().publicUrl);
  if (actor) redirect(callbackPath ?? homePath(actor.role));
  const { t } = await serverI18n();
  return (
    <section>
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <LoginForm callbackPath={callbackPath} notice={params.error === "SessionRequired" ? t("login.sessionEnded") : null} />
    </section>
  );
}
