import { MESSAGES, type Locale } from "@/lib/i18n/config";
import { translator } from "@/lib/i18n/translate";

/** Actions written to the audit trail outside an operation (lib/auth/login.ts, lib/housekeeping.ts, lib/clients/retention.ts, lib/clients/purge.ts via housekeeping). */
export const OTHER_AUDIT_ACTIONS = ["login.success", "housekeeping.run", "housekeeping.purge", "retention.run", "retention.erase"] as const;

/** Why a signed-in user's call was refused (lib/operation.ts `denied`). */
export const REFUSAL_REASONS = ["unauthenticated", "forbidden", "not_found", "validation", "conflict"] as const;

const RECORD_ACTION = /^records\.([a-z_]+)\.([a-zA-Z]+)$/;

function has(locale: Locale, path: string): boolean {
  let node: unknown = MESSAGES[locale];
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object" || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * An audit action in words ("clients.get" → "Fall geöffnet"), a record kind's actions from one
 * pattern per verb. An action nobody has named yet (a test keeps every operation named) stays its code.
 */
export function auditActionLabel(locale: Locale, action: string): string {
  const t = translator(locale);
  const record = RECORD_ACTION.exec(action);
  if (record) {
    const [, kind, verb] = record;
    if (!has(locale, `auditActions.records.${verb}`) || !has(locale, `recordKinds.${kind}.name`)) return action;
    return t(`auditActions.records.${verb}`, { kind: t(`recordKinds.${kind}.name`), plural: t(`recordKinds.${kind}.plural`) });
  }
  return has(locale, `auditActions.${action}`) ? t(`auditActions.${action}`) : action;
}

/** A refusal's reason in words; an unknown one stays its code. */
export function refusalReasonLabel(locale: Locale, reason: unknown): string {
  const code = String(reason ?? "");
  return has(locale, `audit.reasons.${code}`) ? translator(locale)(`audit.reasons.${code}`) : code;
}
