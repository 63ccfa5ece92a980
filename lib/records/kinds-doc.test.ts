import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KINDS } from "./kinds";
import { KIND_RULES, recordKindsMarkdown } from "./kinds-doc";

describe("docs/record-kinds.md", () => {
  const markdown = recordKindsMarkdown();

  it("is what the record kinds, the client schema and the roles say (npm run docs:kinds writes it)", () => {
    expect(readFileSync("docs/record-kinds.md", "utf8")).toBe(markdown);
  });

  it("describes every kind with each of its own fields, labelled", () => {
    for (const spec of KINDS) {
      const section = markdown.split(`(\`${spec.kind}\`)`)[1]?.split("\n## ")[0];
      expect(section, spec.kind).toBeDefined();
      for (const field of Object.keys(spec.data.shape)) expect(section, `${spec.kind}.${field}`).toMatch(new RegExp(`^\\| \`${field}\` \\| [^|]+ \\| (yes|no) \\|`, "m"));
    }
    expect(markdown).not.toMatch(/undefined|\| {2}\|/);
  });

  it("words the cross-field rules of every kind that has them", () => {
    for (const spec of KINDS) if (spec.refine) expect(KIND_RULES[spec.kind]?.length, spec.kind).toBeGreaterThan(0);
  });
});
