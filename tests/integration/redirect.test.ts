// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { authOptions, safeRedirect } from "@/lib/auth/options";
import { sameOriginPath } from "@/lib/auth/same-origin";

const APP = "http://localhost:3201";

/** Each of these leads a browser to another site, directly or once something decodes it. */
const FOREIGN = [
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/./\\evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%252F%252Fevil.example",
  "/%25252F/evil.example",
  "/%255Cevil.example",
  "/.%2F/evil.example",
  "https://evil.example",
  "https://evil.example/cases",
  "http://localhost:3201.evil.example/cases",
  "http://localhost:3201@evil.example/cases",
  "http://localhost:3201//evil.example",
  "https:evil.example",
  "javascript:alert(document.cookie)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example/cases",
  " /cases",
];

describe("redirects after login go only to this app's origin", () => {
  it.each(FOREIGN)("refuses %j", (target) => {
    expect(sameOriginPath(target, APP)).toBeNull();
    expect(sameOriginPath(target)).toBeNull();
    expect(safeRedirect(target, APP)).toBe(APP);
  });

  it.each([
    ["/cases", "/cases"],
    ["/cases?x=1#y", "/cases?x=1#y"],
    [`${APP}/cases`, "/cases"],
    [`${APP}/reports/figures?year=2019`, "/reports/figures?year=2019"],
    ["/reports/../cases", "/cases"],
    ["/cases?q=M%C3%BCller", "/cases?q=M%C3%BCller"],
  ])("follows %j as %j", (target, path) => {
    expect(sameOriginPath(target, APP)).toBe(path);
    expect(safeRedirect(target, APP)).toBe(`${APP}${path}`);
  });

  it("takes an absolute URL only of the app's own origin, and nothing that is not a string", () => {
    expect(sameOriginPath(`${APP}/cases`)).toBeNull();
    expect(sameOriginPath("http://localhost:3202/cases", APP)).toBeNull();
    expect(sameOriginPath("https://localhost:3201/cases", APP)).toBeNull();
    for (const value of [undefined, null, "", ["/cases"], 42]) expect(sameOriginPath(value, APP)).toBeNull();
  });

  it("is what next-auth's redirect callback answers", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    expect(await redirect({ url: "/%2F/evil.example", baseUrl: APP })).toBe(APP);
    expect(await redirect({ url: "/\t/evil.example", baseUrl: APP })).toBe(APP);
    expect(await redirect({ url: `${APP}/cases?x=1`, baseUrl: APP })).toBe(`${APP}/cases?x=1`);
  });
});
