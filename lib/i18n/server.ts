import "server-only";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale, type Locale } from "./config";
import { formatter, translator } from "./translate";

export async function currentLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function serverI18n() {
  const locale = await currentLocale();
  return { locale, t: translator(locale), format: formatter(locale) };
}
