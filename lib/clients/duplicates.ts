import { asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { orgUnits } from "@/db/schema";
import type { Tx } from "@/db/client";
import { FieldError } from "@/lib/errors";
import { defineOperation } from "@/lib/operation";
import { german } from "@/lib/listing";
import { id } from "@/lib/validation";
import { clientInScope } from "./access";

/**
 * Duplicate hints: a client whose pseudonym (lib/clients/pseudonym.ts) matches a client of
 * another contact point is "known elsewhere". Every look beyond the acting adviser's contact
 * points passes through the database functions of migration 0013, which take a client the
 * transaction sees under row security and answer with contact points and counts only.
 */

export interface KnownElsewhere {
  contactPointId: string;
  /** The contact point's name (German) and its English name where it has one. */
  name: string;
  nameEn: string | null;
  /** Clients there with the same pseudonym or linked with this one. */
  matches: number;
  /** Of those, how many are linked with this one as the same person. */
  linked: number;
}

/** The other contact points where this client (one the transaction sees) is known, by name. */
export async function knownElsewhere(tx: Tx, clientId: string): Promise<KnownElsewhere[]> {
  const rows = (
    await tx.execute(sql`
      select k.contact_point_id as "contactPointId", u.name, u.name_en as "nameEn", k.matches, k.linked
      from lotse_known_elsewhere(${clientId}::uuid) k join org_units u on u.id = k.contact_point_id
      order by u.name, u.id`)
  ).rows as unknown as KnownElsewhere[];
  return rows.map((r) => ({ ...r, matches: Number(r.matches), linked: Number(r.linked) }));
}

export const personLinkSchema = z.object({ clientId: id, contactPointId: id }).strict();

/** Confirms that this client and the one(s) with the same pseudonym at the other contact point are one person. */
export const linkPerson = defineOperation({
  name: "clients.linkPerson",
  access: "cases.work",
  audit: "change",
  input: personLinkSchema,
  async run({ actor, tx }, { clientId, contactPointId }) {
    await clientInScope(tx, actor, clientId, true);
    const result = await tx.execute(sql`select lotse_link_person(${clientId}::uuid, ${contactPointId}::uuid, ${actor.userId}::uuid)::int as n`);
    const linked = Number((result.rows[0] as { n: number | string }).n);
    if (linked === 0) throw new FieldError("contactPointId", "noDuplicateThere");
    return { clientId, contactPointId, linked };
  },
});

/** Takes a link back: the two are not the same person after all (the hint shows again while the pseudonyms match). */
export const unlinkPerson = defineOperation({
  name: "clients.unlinkPerson",
  access: "cases.work",
  audit: "change",
  input: personLinkSchema,
  async run({ actor, tx }, { clientId, contactPointId }) {
    await clientInScope(tx, actor, clientId, true);
    const result = await tx.execute(sql`select lotse_unlink_person(${clientId}::uuid, ${contactPointId}::uuid)::int as n`);
    const unlinked = Number((result.rows[0] as { n: number | string }).n);
    if (unlinked === 0) throw new FieldError("contactPointId", "notLinkedThere");
    return { clientId, contactPointId, unlinked };
  },
});

/** Every link of a client, both ways: its erasure (the link says where else the person was advised). */
export async function unlinkEverywhere(tx: Tx, clientId: string): Promise<void> {
  await tx.execute(sql`select lotse_unlink_person(${clientId}::uuid, null)`);
}

/** A count of 1 or 2 is withheld (figures.md, small cells): null with `suppressed`. */
export interface SmallCount {
  value: number | null;
  suppressed: boolean;
}

const protect = (n: number): SmallCount => (n === 1 || n === 2 ? { value: null, suppressed: true } : { value: n, suppressed: false });

export interface DuplicateCountRow {
  /** A regional network, or null for the contact points of the national subprojects. */
  regionId: string | null;
  name: string | null;
  nameEn: string | null;
  code: string | null;
  linked: SmallCount;
  suspected: SmallCount;
}

/**
 * Per regional network: clients linked with a client of another contact point, and clients
 * with a match at another contact point not linked with it. A regional coordinator gets their
 * region; the network coordinator and the admin every region and the national row. No total
 * is given, so a withheld count cannot be worked out from the others.
 */
export const duplicateCounts = defineOperation({
  name: "clients.duplicateCounts",
  access: "figures.view",
  audit: "none",
  input: z.object({}).strict(),
  async run({ actor, tx }): Promise<DuplicateCountRow[]> {
    // A regional coordinator is always given a region (lib/users); without one there is nothing of theirs to count.
    if (actor.role === "regional_coordinator" && !actor.regionId) return [];
    const own = actor.role === "regional_coordinator" ? actor.regionId : null;
    const counts = (await tx.execute(sql`select region_id as "regionId", linked, suspected from lotse_duplicate_counts()`)).rows as {
      regionId: string | null;
      linked: number | string;
      suspected: number | string;
    }[];
    const byRegion = new Map(counts.map((c) => [c.regionId, c]));
    const regions = await tx
      .select({ id: orgUnits.id, name: orgUnits.name, nameEn: orgUnits.nameEn, code: orgUnits.code })
      .from(orgUnits)
      .where(own ? inArray(orgUnits.id, [own]) : eq(orgUnits.level, "region"))
      .orderBy(german(orgUnits.name), asc(orgUnits.id));
    const row = (regionId: string | null, { name, nameEn, code }: { name: string | null; nameEn: string | null; code: string | null }): DuplicateCountRow => {
      const c = byRegion.get(regionId);
      return { regionId, name, nameEn, code, linked: protect(Number(c?.linked ?? 0)), suspected: protect(Number(c?.suspected ?? 0)) };
    };
    const rows = regions.map((r) => row(r.id, r));
    if (!own) rows.push(row(null, { name: null, nameEn: null, code: null }));
    return rows;
  },
});

