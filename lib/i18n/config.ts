import de from "@/messages/de.json";
import en from "@/messages/en.json";

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "de";
export const LOCALE_COOKIE = "lotse-locale";
export const TIME_ZONE = "Europe/Berlin";

export type Messages = typeof de;
export const MESSAGES: Record<Locale, Messages> = { de, en };

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}
