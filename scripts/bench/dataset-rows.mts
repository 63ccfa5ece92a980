/** Between the generator and a benchmark database: the seeded org tree read for the generator, the generated rows written in bulk. */
import { sql } from "drizzle-orm";
import { orgUnits } from "@/db/schema/org";
import type { Place } from "@/lib/figures/contributions";
import { insertDeltas, placeOf } from "@/lib/figures/ledger";
import type { BenchDb } from "./dataset.mjs";
import type { Batch, GenRegion, GenUnit } from "./generate.mjs";

/** The seeded org tree as the generator needs it. */
export async function loadNetwork(db: BenchDb): Promise<{ regions: GenRegion[]; places: Map<string, Place> }> {
  const units = await db
    .select({ id: orgUnits.id, level: orgUnits.level, name: orgUnits.name, parentId: orgUnits.parentId, regionId: orgUnits.regionId, area: orgUnits.priorityArea, kind: orgUnits.contactPointKind })
    .from(orgUnits)
    .orderBy(orgUnits.name);
  const byId = new Map(units.map((u) => [u.id, u]));
  const places = new Map(units.filter((u) => u.level === "subproject" || u.level === "contact_point").map((u) => [u.id, placeOf(u)]));
  const unit = (u: { id: string; name: string }): GenUnit => ({ id: u.id, name: u.name });
  const regions = units
    .filter((u) => u.level === "region")
    .map((region) => {
      const own = units.filter((u) => u.regionId === region.id);
      const subprojects = (area: string) => own.filter((u) => u.level === "subproject" && u.area === area).map(unit);
      const points = own.filter((u) => u.level === "contact_point");
      const parentArea = (u: (typeof units)[number]) => byId.get(u.parentId!)?.area;
      return {
        id: region.id,
        weight: own.filter((u) => u.level === "subproject").length,
        advicePoints: points.filter((p) => parentArea(p) === "advice").map((p) => ({ ...unit(p), permanent: p.kind === "permanent" })),
        fairPoints: points.filter((p) => parentArea(p) === "fair_integration").map(unit),
        homePoint: unit(points[0]),
        trainingSubprojects: subprojects("job_training"),
        openingSubprojects: subprojects("intercultural_opening"),
        networkSubprojects: subprojects("skilled_worker_networks"),
      };
    });
  return { regions, places };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const param = <T, V>(rows: T[], value: (row: T) => V) => sql.param(rows.map(value));

/** One transaction per batch: clients, records, then their ledger deltas through the engine's insertDeltas. */
export async function writeBatch(db: BenchDb, batch: Batch, creator: string, ledgerOnly: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const c = ledgerOnly ? [] : batch.clients;
    if (c.length) {
      await tx.execute(sql`
        insert into clients (id, ref, contact_point_id, gender, birth_year, qualification_country, citizenship, residence_status,
          in_germany_since, german_level, qualification_level, occupation_id, regulated_profession, version, created_by, created_at, updated_at)
        select x.id, x.ref, x.contact_point_id, x.gender, x.birth_year, x.qualification_country, x.citizenship, x.residence_status,
          x.in_germany_since, x.german_level, x.qualification_level, x.occupation_id, x.regulated_profession, 1, ${creator}::uuid, x.created_at, x.created_at
        from unnest(
          ${param(c, (r) => r.id)}::uuid[], ${param(c, (r) => r.ref)}::text[], ${param(c, (r) => r.contactPointId)}::uuid[],
          ${param(c, (r) => r.gender)}::gender[], ${param(c, (r) => r.birthYear)}::integer[], ${param(c, (r) => r.qualificationCountry)}::text[],
          ${param(c, (r) => r.citizenship)}::text[], ${param(c, (r) => r.residenceStatus)}::residence_status[],
          ${param(c, (r) => r.inGermanySince)}::integer[], ${param(c, (r) => r.germanLevel)}::german_level[],
          ${param(c, (r) => r.qualificationLevel)}::qualification_level[], ${param(c, (r) => r.occupationId)}::uuid[],
          ${param(c, (r) => r.regulatedProfession)}::boolean[], ${param(c, (r) => iso(r.createdAt))}::timestamptz[]
        ) as x(id, ref, contact_point_id, gender, birth_year, qualification_country, citizenship, residence_status,
          in_germany_since, german_level, qualification_level, occupation_id, regulated_profession, created_at)`);
    }
    const r = ledgerOnly ? [] : batch.records;
    if (r.length) {
      await tx.execute(sql`
        insert into records (id, kind, unit_id, client_id, parent_id, occurred_on, data, version, created_by, created_at,
          updated_by, updated_at, deleted_at, deleted_by)
        select x.id, x.kind, x.unit_id, x.client_id, x.parent_id, x.occurred_on, x.data, x.version, ${creator}::uuid, x.created_at,
          case when x.version > 1 then ${creator}::uuid end, x.updated_at, x.deleted_at, case when x.deleted_at is not null then ${creator}::uuid end
        from unnest(
          ${param(r, (x) => x.id)}::uuid[], ${param(r, (x) => x.kind)}::record_kind[], ${param(r, (x) => x.unitId)}::uuid[],
          ${param(r, (x) => x.clientId)}::uuid[], ${param(r, (x) => x.parentId)}::uuid[], ${param(r, (x) => x.occurredOn)}::date[],
          ${param(r, (x) => JSON.stringify(x.data))}::jsonb[], ${param(r, (x) => x.version)}::integer[],
          ${param(r, (x) => iso(x.createdAt))}::timestamptz[], ${param(r, (x) => iso(x.updatedAt))}::timestamptz[],
          ${param(r, (x) => iso(x.deletedAt))}::timestamptz[]
        ) as x(id, kind, unit_id, client_id, parent_id, occurred_on, data, version, created_at, updated_at, deleted_at)`);
    }
    const step = 25_000;
    for (let i = 0; i < batch.deltas.length; i += step) await insertDeltas(tx, batch.deltas.slice(i, i + step), batch.bases.slice(i, i + step));
  });
}
