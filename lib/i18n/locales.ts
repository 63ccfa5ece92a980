// Kept apart from the message catalogues, so that a component needing only the
// list of languages does not ship every string to the browser.
export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "de";
export const LOCALE_COOKIE = "lotse-locale";
export const TIME_ZONE = "Europe/Berlin";
