import { z } from "zod";
import { ROLES } from "@/db/schema/values";
import { passwordSchema } from "@/lib/auth/schemas";
import { id, name } from "@/lib/validation";

export const ROLE_VALUES = ROLES;

const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

/** Role-specific assignments: a regional coordinator needs a region, an adviser at least one unit. */
function checkAssignments(value: { role: string; regionId?: string | null; unitIds: string[] }, ctx: z.RefinementCtx) {
  if (value.role === "regional_coordinator" && !value.regionId) {
    ctx.addIssue({ code: "custom", path: ["regionId"], params: { key: "regionRequired" } });
  }
  if (value.role === "adviser" && value.unitIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["unitIds"], params: { key: "unitsRequired" } });
  }
}

const assignment = {
  role: z.enum(ROLE_VALUES),
  // Forms send "" for "none chosen"; the parsed value (null) may be sent again by the form.
  regionId: z.union([id, z.literal("")]).nullish().transform((v) => v || null),
  // A multiple select sends nothing, one string or several; all mean a list.
  unitIds: z.preprocess(
    (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(id).max(500),
  ),
};

export const createUserSchema = z
  .object({ email, name, password: passwordSchema, ...assignment })
  .superRefine(checkAssignments);

export const updateUserSchema = z
  .object({ id, name, version: z.coerce.number().int().min(1), ...assignment })
  .superRefine(checkAssignments);

export const setUserActiveSchema = z.object({ id, active: z.boolean(), version: z.coerce.number().int().min(1) });

export const setPasswordSchema = z.object({ id, password: passwordSchema });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
