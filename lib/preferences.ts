import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { defineOperation } from "@/lib/operation";

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES) });

/**
 * Choosing the language needs no login (the login page has the switch too). Not audited, for
 * anyone: it changes only a cookie in the visitor's own browser, nothing the app holds, and
 * the trail is for changes to data and reads of personal data.
 */
export const setLocale = defineOperation({
  name: "preferences.setLocale",
  access: "public",
  audit: "none",
  input: setLocaleSchema,
  async run(_ctx, { locale }) {
    return { locale };
  },
});
