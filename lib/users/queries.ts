import { eq } from "drizzle-orm";
import { z } from "zod";
import { orgUnits, userUnits, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { german, matchesWords } from "@/lib/listing";
import { defineOperation } from "@/lib/operation";
import { id, searchText } from "@/lib/validation";

const listed = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  regionId: users.regionId,
  active: users.active,
  version: users.version,
};

export const listUsers = defineOperation({
  name: "users.list",
  access: "users.manage",
  audit: "none",
  input: z.object({ q: searchText }),
  async run({ tx }, { q }) {
    return tx
      .select({ ...listed, regionName: orgUnits.name })
      .from(users)
      .leftJoin(orgUnits, eq(orgUnits.id, users.regionId))
      .where(matchesWords(q, [users.name, users.email, orgUnits.name]))
      .orderBy(german(users.name), users.id);
  },
});

export const getUser = defineOperation({
  name: "users.get",
  access: "users.manage",
  audit: "none",
  input: z.object({ id }),
  async run({ tx }, { id: userId }) {
    const [user] = await tx.select(listed).from(users).where(eq(users.id, userId));
    if (!user) throw new NotFoundError("user");
    const units = await tx
      .select({ id: orgUnits.id, name: orgUnits.name, level: orgUnits.level })
      .from(userUnits)
      .innerJoin(orgUnits, eq(orgUnits.id, userUnits.unitId))
      .where(eq(userUnits.userId, userId))
      .orderBy(german(orgUnits.name));
    return { ...user, units };
  },
});
