import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import type { Scope } from "@/lib/figures/counters";
import { FIGURE_ORDER } from "@/lib/figures/definitions";
import { readingAllClients } from "../helpers/factories";
import { action, apply, instant, makeWorld, type World } from "../helpers/figures-world";
import { outsideBounds, uncheckable } from "../recount/bounds";
import { differences } from "../recount/compare";
import { recount, recountCounts, type RecountQuery } from "../recount/figures";

/*
 * The recount that the figures engine is checked against (tests/recount/): it must give every
 * figure of the registry, and its two ways of knowing the records as of a date (the history, and
 * the records table alone as in the benchmark) must agree wherever the table can know.
 */

describe("the recount", () => {
  let world: World;
  let scope: Scope;

  beforeAll(async () => {
    world = await makeWorld();
    scope = { level: "region", id: world.orgs[0].region.id };
  });

  it("computes every figure of the registry, and nothing else", async () => {
    await readingAllClients(async (db) => {
      for (const source of ["history", "table"] as const) {
        for (const s of [scope, { level: "network", id: null } as const]) {
          const keys = Object.keys(await recount(db, { from: "2019-01-01", to: "2019-12-31", scope: s, source }));
          const missing = FIGURE_ORDER.filter((key) => !keys.includes(key));
          const unknown = keys.filter((key) => !FIGURE_ORDER.includes(key));
          expect(missing, `not recounted (${source}, ${s.level}): ${missing.join(", ")}`).toEqual([]);
          expect(unknown, `recounted but not in the registry (${source}, ${s.level}): ${unknown.join(", ")}`).toEqual([]);
        }
      }
    });
  });

  it("from the records table equals the one from the history where no record changed after the reference date, and is bounded where some did", { timeout: 300_000 }, async () => {
    let bounded = 0;
    await fc.assert(
      fc.asyncProperty(fc.noBias(fc.array(action, { minLength: 10, maxLength: 30 })), async (actions) => {
        const before = await instant();
        for (const a of actions) await apply(world, a);
        // The table's clients are behind row security, as the app sees them; the bench reads as their owner.
        await readingAllClients(async (db) => {
          for (const asOf of [before, undefined]) {
            const q: RecountQuery = { from: "2019-01-01", to: "2020-12-31", asOf, scope, source: "history" };
            const exact = await recount(db, q);
            const fromTable = await recount(db, { ...q, source: "table" });
            const unchecked = await uncheckable(db, q, FIGURE_ORDER);
            expect(differences(exact, fromTable, new Set(unchecked.keys())), `as of ${asOf ?? "now"}`).toEqual([]);
            expect(outsideBounds(exact, fromTable, unchecked), `as of ${asOf ?? "now"}`).toEqual([]);
            // As of now nothing has changed since.
            if (asOf === undefined) expect([...unchecked.keys()]).toEqual([]);
            bounded += [...unchecked.values()].filter((u) => u.bounded).length;
            for (const group of ["month", "region"] as const) {
              const [exactGroups, tableGroups] = [await recountCounts(db, q, group), await recountCounts(db, { ...q, source: "table" }, group)];
              for (const [g, figures] of exactGroups) {
                const keys = Object.keys(figures);
                // A group whose records all changed after the reference date is absent from the table's recount.
                const fromTableGroup = tableGroups.get(g) ?? Object.fromEntries(keys.map((k) => [k, 0]));
                expect(differences(figures, fromTableGroup, new Set(unchecked.keys()), keys), `${group} ${g}`).toEqual([]);
              }
            }
          }
        });
      }),
      { numRuns: 3, endOnFailure: true },
    );
    // Edits and deletions after the reference date did happen, and were bounded.
    expect(bounded).toBeGreaterThan(0);
  });

  it("per month and per region adds up to the report's counts", async () => {
    const db = await getDb();
    const q: RecountQuery = { from: "2019-01-01", to: "2020-12-31", source: "history", scope: { level: "network", id: null } };
    const [total] = (await recountCounts(db, q, "")).values();
    for (const group of ["month", "region"] as const) {
      const groups = [...(await recountCounts(db, q, group)).values()];
      const sum = (key: string) => groups.reduce((s, g) => s + (g[key] as number), 0);
      // Per month every record and person counts once; per region national subprojects' records count in none, and a person in every region they came to.
      for (const key of ["advice.initialSessions", "fairIntegration.groupEventParticipants", "jobTraining.schemesStarted", "fairIntegration.individualsAdvised"]) {
        if (group === "month") expect(sum(key), `${group} ${key}`).toBe(total[key]);
        else if (key !== "fairIntegration.individualsAdvised") expect(sum(key), `${group} ${key}`).toBeLessThanOrEqual(total[key] as number);
      }
      expect(sum("advice.initialSessions"), group).toBeGreaterThan(0);
    }
  });
});
