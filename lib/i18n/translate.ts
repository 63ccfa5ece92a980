import { createTranslator, createFormatter } from "use-intl/core";
import { MESSAGES, TIME_ZONE, type Locale } from "./config";

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

/** A translator for the whole message tree: keys are dotted paths such as "admin.users.title". */
export function translator(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: MESSAGES[locale], timeZone: TIME_ZONE });
  return t as unknown as Translate;
}

export function formatter(locale: Locale) {
  return createFormatter({ locale, timeZone: TIME_ZONE });
}
