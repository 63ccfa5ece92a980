import deBase from "@/messages/de.json";
import deApi from "@/messages/de/api.json";
import deCases from "@/messages/de/cases.json";
import deFigures from "@/messages/de/figures.json";
import deImport from "@/messages/de/import.json";
import enBase from "@/messages/en.json";
import enApi from "@/messages/en/api.json";
import enCases from "@/messages/en/cases.json";
import enFigures from "@/messages/en/figures.json";
import enImport from "@/messages/en/import.json";
import { figureLabels } from "@/lib/figures/registry";

// One catalogue per language, kept in a few files by area so that each area's strings stay
// together. The figures' labels live in the figures registry and join the catalogue here.
const de = { ...deBase, ...deCases, ...deApi, ...deFigures, ...deImport, figures: { ...deFigures.figures, labels: figureLabels("de") } };
const en = { ...enBase, ...enCases, ...enApi, ...enFigures, ...enImport, figures: { ...enFigures.figures, labels: figureLabels("en") } };

import { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, type Locale } from "./locales";

export { DEFAULT_LOCALE, LOCALE_COOKIE, LOCALES, TIME_ZONE, type Locale } from "./locales";

export type Messages = typeof de;
export const MESSAGES: Record<Locale, Messages> = { de, en };

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** The language of a request without a session: the language cookie, else Accept-Language. */
export function requestLocale(request: Request): Locale {
  const cookie = request.headers.get("cookie")?.match(new RegExp(`${LOCALE_COOKIE}=(\\w+)`))?.[1];
  if (cookie) return toLocale(cookie);
  const language = request.headers.get("accept-language")?.slice(0, 2).toLowerCase();
  return toLocale(language);
}
