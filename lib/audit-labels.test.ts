// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { auditActionLabel, OTHER_AUDIT_ACTIONS, REFUSAL_REASONS, refusalReasonLabel } from "@/lib/audit-labels";
import { LOCALES } from "@/lib/i18n/locales";
import { OPERATIONS } from "@/lib/operation-catalogue";

describe("audit trail labels", () => {
  const actions = [...OPERATIONS.map((o) => o.name), ...OTHER_AUDIT_ACTIONS];

  it("every operation and every other audited event has a label in each language, none a code", () => {
    const missing = LOCALES.flatMap((locale) =>
      actions.filter((a) => {
        const label = auditActionLabel(locale, a);
        return label === a || /[{}]|auditActions|recordKinds/.test(label);
      }).map((a) => `${locale}: ${a}`),
    );
    expect(missing).toEqual([]);
  });

  it("labels differ between the actions, per language, and between the languages", () => {
    for (const locale of LOCALES) expect(new Set(actions.map((a) => auditActionLabel(locale, a))).size).toBe(actions.length);
    expect(auditActionLabel("de", "clients.get")).toBe("Fall geöffnet");
    expect(auditActionLabel("en", "clients.get")).toBe("Case opened");
    expect(auditActionLabel("de", "records.advice_session.list")).toBe("Beratungsgespräche aufgelistet");
    expect(auditActionLabel("en", "records.advice_session.create")).toBe("Advice session logged");
    expect(auditActionLabel("de", "something.unknown")).toBe("something.unknown");
  });

  it("every reason of a refusal has a label in each language", () => {
    for (const locale of LOCALES) for (const reason of REFUSAL_REASONS) expect(refusalReasonLabel(locale, reason)).not.toBe(reason);
    expect(refusalReasonLabel("de", "forbidden")).toBe("keine Berechtigung");
    expect(refusalReasonLabel("en", "unauthenticated")).toBe("not signed in");
  });
});
