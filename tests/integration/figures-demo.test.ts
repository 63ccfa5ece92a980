import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, type Db, type Tx } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";
import { buildReport, type FiguresReport, type TopOccupation } from "@/lib/figures/report";
import published from "../fixtures/figures-2019.json";

class RollBack extends Error {}

/** Runs `body` against a database that holds the demo network and nothing else, then rolls it all back. */
async function onPristineDemo(body: (tx: Tx) => Promise<void>): Promise<void> {
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const tables = await tx.execute(sql`select tablename from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%' and tablename not in ('figure_compaction', 'audit_log')`);
      const names = (tables.rows as { tablename: string }[]).map((t) => `"${t.tablename}"`).join(", ");
      await tx.execute(sql.raw(`truncate ${names} cascade`));
      await tx.execute(sql`update figure_compaction set until = '-infinity'`);
      expect(await seedDemo(tx as unknown as Db)).toBe(true);
      await body(tx);
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
}

describe("figures of the 2019 demo network", () => {
  it("equal every published value of figures-2019.json, as of the brochure's reference dates", { timeout: 240_000 }, async () => {
    await onPristineDemo(async (tx) => {
      const report: FiguresReport = await buildReport(
        tx,
        { from: published.period.from, to: published.period.to, asOf: published.asOf, completersAsOf: published.completersAsOf },
        { level: "network", id: null, name: "IQ" },
        "en",
      );
      for (const [key, value] of Object.entries(published.figures)) {
        if (key === "advice.topOccupations") {
          expect((report.figures[key] as TopOccupation[]).map((o) => o.name), key).toEqual(value);
        } else if (key === "targets.initialSessions.target") {
          expect((report.figures["targets.initialSessions"] as { target: number }).target, key).toBe(value);
        } else {
          expect(report.figures[key], key).toBe(value);
        }
      }
      expect(report.suppressed).toEqual([]);
    });
  });
});
