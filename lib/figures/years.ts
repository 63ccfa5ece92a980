/**
 * Where the figures pages open: the latest year with records, which need not be the running
 * year (early in January, or a network that stopped recording) nor the one before it.
 */
import { lte, max } from "drizzle-orm";
import { z } from "zod";
import { figureDeltas } from "@/db/schema";
import { defineOperation } from "@/lib/operation";
import { todayInBerlin } from "@/lib/validation";
import { FIRST_YEAR } from "./request";

export const figuresLatestYear = defineOperation({
  name: "figures.latestYear",
  access: "figures.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ tx }): Promise<number> {
    const today = todayInBerlin();
    const thisYear = Number(today.slice(0, 4));
    // Every record leaves a delta dated by its occurred_on (read backwards along its index); the
    // network's latest year, also for a regional coordinator: it is no figure about anyone.
    const [row] = await tx.select({ last: max(figureDeltas.occurredOn) }).from(figureDeltas).where(lte(figureDeltas.occurredOn, today));
    return row?.last ? Math.min(thisYear, Math.max(FIRST_YEAR, Number(row.last.slice(0, 4)))) : thisYear;
  },
});
