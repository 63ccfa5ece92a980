"use server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { setLocale } from "@/lib/preferences";
import { perform } from "@/lib/server";

export async function setLocaleAction(input: unknown) {
  const result = await perform(setLocale, input);
  if (result.ok) {
    (await cookies()).set(LOCALE_COOKIE, result.value.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  }
  return result;
}
