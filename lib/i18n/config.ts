import deBase from "@/messages/de.json";
import deApi from "@/messages/de/api.json";
import deCases from "@/messages/de/cases.json";
import enBase from "@/messages/en.json";
import enApi from "@/messages/en/api.json";
import enCases from "@/messages/en/cases.json";

// One catalogue per language, kept in a few files by area so that each area's strings stay together.
const de = { ...deBase, ...deCases, ...deApi };
const en = { ...enBase, ...enCases, ...enApi };

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
