// @driver-independent: no database (README, Tests: run once).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inputShapeProblem, textTooDeep } from "./input-shape";

describe("input shape limits", () => {
  it("counts brackets only outside strings, escaped quotes included", () => {
    expect(textTooDeep(`{"a":"${"[".repeat(100)}"}`, 2)).toBe(false);
    expect(textTooDeep(`{"a":"\\"${"{".repeat(100)}"}`, 2)).toBe(false);
    expect(textTooDeep(`{"a\\\\":[[1]]}`, 2)).toBe(true);
    expect(textTooDeep(`[[]]`, 2)).toBe(false);
    expect(textTooDeep(`[[[]]]`, 2)).toBe(true);
  });

  it("the text check and the value check agree on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 6 }), (value, max) => {
        const deep = inputShapeProblem(value, { depth: max, values: Infinity })?.key === "bodyTooDeep";
        expect(textTooDeep(JSON.stringify(value), max)).toBe(deep);
      }),
      { numRuns: 2000 },
    );
  });

  it("stops at a cycle instead of walking it forever", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(inputShapeProblem(cycle)?.key).toBe("bodyTooDeep");
  });
});
