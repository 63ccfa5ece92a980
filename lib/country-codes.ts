import countries from "i18n-iso-countries";

// Only the codes (no names in any language), so that validating a country in a
// form does not ship every country name to the browser.
export function isCountryCode(code: string): boolean {
  return code.length === 2 && code === code.toUpperCase() && countries.isValid(code);
}
