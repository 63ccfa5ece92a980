import { readEnv } from "@/lib/env";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The band on every page in demo mode, whose accounts have a published password
 * and whose data are made up: its text, or null outside demo mode.
 */
export function demoNotice(t: Translate, source: Record<string, string | undefined> = process.env): string | null {
  return readEnv(source).demo ? t("app.demoBand") : null;
}
