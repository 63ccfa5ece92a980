// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { translator } from "@/lib/i18n/translate";
import { demoNotice } from "./demo-notice";

describe("the demo band", () => {
  it("shows in demo mode, in the page's language", () => {
    expect(demoNotice(translator("de"), readEnv({}))).toBe("Demo: keine echten Daten");
    expect(demoNotice(translator("en"), readEnv({ LOTSE_DEMO: "1", DATABASE_URL: "postgres://db.example/lotse" }))).toBe("Demo: no real data");
  });

  it.each([
    ["PostgreSQL (demo mode off by default)", { DATABASE_URL: "postgres://db.example/lotse" }],
    ["the embedded database with LOTSE_DEMO=0", { LOTSE_DEMO: "0" }],
    ["production", { NODE_ENV: "production", DATABASE_URL: "postgres://db.example/lotse", NEXTAUTH_SECRET: "s".repeat(48), LOTSE_PSEUDONYM_SECRET: "p".repeat(48) }],
  ])("is absent outside demo mode: %s", (_, env) => {
    expect(demoNotice(translator("de"), readEnv(env))).toBeNull();
    expect(demoNotice(translator("en"), readEnv(env))).toBeNull();
  });
});
