import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";
import { defineOperation } from "@/lib/operation";

export const setLocaleSchema = z.object({ locale: z.enum(LOCALES) });

/** Choosing the language needs no login (the login page has the switch too). */
export const setLocale = defineOperation({
  name: "preferences.setLocale",
  access: "public",
  audit: "change",
  input: setLocaleSchema,
  async run(_ctx, { locale }) {
    return { locale };
  },
});
