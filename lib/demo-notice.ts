import { env, type Env } from "@/lib/env";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The band on every page in demo mode, whose accounts have a published password
 * and whose data are made up: its text, or null outside demo mode.
 */
export function demoNotice(t: Translate, configuration: Pick<Env, "demo"> = env()): string | null {
  return configuration.demo ? t("app.demoBand") : null;
}
