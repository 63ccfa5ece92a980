import { z } from "zod";
import { isoDate } from "@/lib/validation";

/** The targets the network can set (docs/figures.md: targets.initialSessions). */
export const TARGET_KEYS = ["initialSessions"] as const;

/** A target over a funding round; forms and API share it. */
export const targetSchema = z
  .object({
    key: z.enum(TARGET_KEYS),
    fromOn: isoDate,
    toOn: isoDate,
    value: z.coerce.number().int().min(1).max(100_000_000),
    /** The version the edit started from; absent when the target is set for the first time. */
    version: z.coerce.number().int().min(0).default(0),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.toOn < t.fromOn) ctx.addIssue({ code: "custom", path: ["toOn"], params: { key: "toBeforeFrom" } });
  });
