// @driver-independent: linear programs over made-up tables, no database.
import { describe, expect, it } from "vitest";
import { intervals, type Relation } from "../helpers/intervals";

/*
 * The attacker of the suppression test (tests/helpers/intervals.ts) must find what can be worked
 * out, or the suppression test could pass on tables that give cells away. Two independent tables
 * in one view, as a response holds several: their withheld cells are solved per linked group.
 */
describe("the attacker's intervals", () => {
  it("recover a cell that the row and column totals give away, and leave a protected pair wide", async () => {
    // Table A: a + b = 7 shown, a withheld, b = 5 shown → a is exactly 2.
    // Table B: c + d = 9 shown, c and d withheld → each anywhere in [0, 9].
    const relations: Relation[] = [
      { terms: [["A|total", 1], ["A|a", -1], ["A|b", -1]], op: "=" },
      { terms: [["B|total", 1], ["B|c", -1], ["B|d", -1]], op: "=" },
      { terms: [["B|c", 1]], op: "<=", rhs: 20 },
    ];
    const found = await intervals({
      shown: new Map([["A|total", 7], ["A|b", 5], ["B|total", 9]]),
      unknown: new Map([["A|a", 0], ["B|c", 1], ["B|d", 0]]),
      relations,
    });
    expect(Object.fromEntries(found)).toEqual({ "A|a": { min: 2, max: 2 }, "B|c": { min: 1, max: 9 }, "B|d": { min: 0, max: 8 } });
  });

  it("says so when the relations contradict what is shown", async () => {
    await expect(
      intervals({ shown: new Map([["t", 3]]), unknown: new Map([["x", 5]]), relations: [{ terms: [["t", 1], ["x", -1]], op: "=" }] }),
    ).rejects.toThrow(/no consistent table/);
  });
});
