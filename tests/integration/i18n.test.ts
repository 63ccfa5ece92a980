// @driver-independent: no database (README, Tests: run once).
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/config";
import { formatter } from "@/lib/i18n/translate";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

import deBase from "@/messages/de.json";
import deApi from "@/messages/de/api.json";
import deCases from "@/messages/de/cases.json";
import deFigures from "@/messages/de/figures.json";
import deImport from "@/messages/de/import.json";

describe("languages", () => {
  it("message files never share a top-level key (a later file would silently replace an earlier one)", () => {
    const keys = [deBase, deCases, deApi, deFigures, deImport].flatMap((file) => Object.keys(file));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("German and English have exactly the same message keys, none empty", () => {
    expect(keys(MESSAGES.en).sort()).toEqual(keys(MESSAGES.de).sort());
    for (const locale of ["de", "en"] as const) {
      for (const key of keys(MESSAGES[locale])) {
        const value = key.split(".").reduce((node: any, part) => node[part], MESSAGES[locale]);
        expect(value, `${locale}:${key}`).not.toBe("");
      }
    }
  });

  it("formats numbers per language", () => {
    expect(formatter("de").number(53284)).toBe("53.284");
    expect(formatter("en").number(53284)).toBe("53,284");
  });
});
