import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { orgUnits, userUnits } from "@/db/schema";
import { REGIONS } from "./org-tree-2019";
import { planRecords2019, type ClientRow, type HistoryRow, type PlanRegion, type RecordRow } from "./plan-2019";

export { FIGURES_2019 } from "./plan-2019";

/** Rows per insert statement. */
const BATCH = 2_000;

/** Regions whose records the northern demo adviser enters; the southern one enters the rest. */
const NORTH_AND_EAST = new Set(["DE-HB", "DE-HH", "DE-SH", "DE-NI", "DE-MV", "DE-BE", "DE-BB", "DE-ST", "DE-SN", "DE-TH"]);

export interface DemoAdviser {
  id: string;
  /** Region code of the adviser's contact point (DE-BY, DE-HH). */
  region: string;
}

export interface Records2019Summary {
  clients: number;
  records: number;
  historyRows: number;
  ms: number;
}

/** The demo network's regional units (the seeded 2019 tree, found by region code and name). */
async function loadRegions(tx: Tx, advisers: DemoAdviser[]): Promise<PlanRegion[]> {
  const regions = await tx
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.level, "region"), inArray(orgUnits.code, REGIONS.map((r) => r.code)), inArray(orgUnits.name, REGIONS.map((r) => r.nameDe))))
    // Should an admin have made a region of the same code and name before, the seed's own (newest) one wins.
    .orderBy(orgUnits.code, desc(orgUnits.createdAt), orgUnits.id);
  const regionByCode = new Map<string, (typeof regions)[number]>();
  for (const r of regions) if (!regionByCode.has(r.code!)) regionByCode.set(r.code!, r);
  const regionIds = [...regionByCode.values()].map((r) => r.id);
  if (!regionIds.length) throw new Error("The demo org tree is missing");

  const units = await tx
    .select({
      id: orgUnits.id,
      level: orgUnits.level,
      name: orgUnits.name,
      parentId: orgUnits.parentId,
      regionId: orgUnits.regionId,
      priorityArea: orgUnits.priorityArea,
      kind: orgUnits.contactPointKind,
    })
    .from(orgUnits)
    .where(and(inArray(orgUnits.regionId, regionIds), inArray(orgUnits.level, ["subproject", "contact_point"])))
    .orderBy(orgUnits.name);
  const byId = new Map(units.map((u) => [u.id, u]));
  const adviserPoints = advisers.length
    ? await tx.select({ userId: userUnits.userId, unitId: userUnits.unitId }).from(userUnits).where(inArray(userUnits.userId, advisers.map((a) => a.id)))
    : [];

  const south = advisers.find((a) => !NORTH_AND_EAST.has(a.region)) ?? advisers[0];
  const north = advisers.find((a) => NORTH_AND_EAST.has(a.region)) ?? advisers[0];
  if (!south || !north) throw new Error("The demo advisers are missing");

  return REGIONS.filter((def) => regionByCode.has(def.code)).map((def) => {
    const region = regionByCode.get(def.code)!;
    const own = units.filter((u) => u.regionId === region.id);
    const subprojects = (area: string) => own.filter((u) => u.level === "subproject" && u.priorityArea === area).map((u) => ({ id: u.id, name: u.name }));
    const points = own.filter((u) => u.level === "contact_point");
    const parentArea = (u: (typeof units)[number]) => byId.get(u.parentId!)?.priorityArea;
    const adviser = NORTH_AND_EAST.has(def.code) ? north : south;
    // The demo adviser's own contact point where there is one, else the region's first by name.
    const adviserPoint = points.find((p) => adviserPoints.some((a) => a.unitId === p.id));
    const home = adviserPoint ?? points[0];
    return {
      code: def.code,
      weight: own.filter((u) => u.level === "subproject").length,
      adviserId: adviser.id,
      advicePoints: points.filter((p) => parentArea(p) === "advice").map((p) => ({ id: p.id, name: p.name, kind: p.kind! })),
      fairPoints: points.filter((p) => parentArea(p) === "fair_integration").map((p) => ({ id: p.id, name: p.name })),
      homePoint: { id: home.id, name: home.name },
      trainingSubprojects: subprojects("job_training"),
      openingSubprojects: subprojects("intercultural_opening"),
      networkSubprojects: subprojects("skilled_worker_networks"),
    };
  });
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** One column of a batch, as a single array parameter (for `unnest`, much cheaper than a VALUES list of thousands of parameters). */
function column<T, V>(rows: T[], value: (row: T) => V) {
  return sql.param(rows.map(value));
}

async function insertClients(tx: Tx, rows: ClientRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    // One statement per batch: the clients, and their first history version (the statistical snapshot).
    await tx.execute(sql`
      with x as (
        select * from unnest(
          ${column(b, (c) => c.id)}::uuid[], ${column(b, (c) => c.ref)}::text[], ${column(b, (c) => c.contactPointId)}::uuid[],
          ${column(b, (c) => c.gender)}::gender[], ${column(b, (c) => c.birthYear)}::integer[], ${column(b, (c) => c.qualificationCountry)}::text[],
          ${column(b, (c) => c.citizenship)}::text[], ${column(b, (c) => c.residenceStatus)}::residence_status[],
          ${column(b, (c) => c.inGermanySince)}::integer[], ${column(b, (c) => c.germanLevel)}::german_level[],
          ${column(b, (c) => c.qualificationLevel)}::qualification_level[], ${column(b, (c) => c.occupationId)}::uuid[],
          ${column(b, (c) => c.regulatedProfession)}::boolean[], ${column(b, (c) => c.createdBy)}::uuid[], ${column(b, (c) => iso(c.createdAt))}::timestamptz[]
        ) as x(id, ref, contact_point_id, gender, birth_year, qualification_country, citizenship, residence_status,
          in_germany_since, german_level, qualification_level, occupation_id, regulated_profession, created_by, created_at)
      ), inserted as (
        insert into clients (id, ref, contact_point_id, gender, birth_year, qualification_country, citizenship, residence_status,
          in_germany_since, german_level, qualification_level, occupation_id, regulated_profession, version, created_by, created_at, updated_at)
        select id, ref, contact_point_id, gender, birth_year, qualification_country, citizenship, residence_status,
          in_germany_since, german_level, qualification_level, occupation_id, regulated_profession, 1, created_by, created_at, created_at
        from x
      )
      insert into history (subject_id, subject_type, version, op, actor_id, at, snapshot)
      select id, 'client', 1, 'create', created_by, created_at, jsonb_build_object(
        'contactPointId', contact_point_id, 'gender', gender, 'birthYear', birth_year,
        'qualificationCountry', qualification_country, 'citizenship', citizenship, 'residenceStatus', residence_status,
        'inGermanySince', in_germany_since, 'germanLevel', german_level, 'qualificationLevel', qualification_level,
        'occupationId', occupation_id, 'regulatedProfession', regulated_profession)
      from x`);
  }
}

async function insertRecords(tx: Tx, rows: RecordRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    // Records still at version 1 get their "create" history row (recordSnapshot's shape) here;
    // the two versions of the others come with the plan's history rows.
    await tx.execute(sql`
      with x as (
        select * from unnest(
          ${column(b, (r) => r.id)}::uuid[], ${column(b, (r) => r.kind)}::record_kind[], ${column(b, (r) => r.unitId)}::uuid[],
          ${column(b, (r) => r.clientId)}::uuid[], ${column(b, (r) => r.parentId)}::uuid[], ${column(b, (r) => r.occurredOn)}::date[],
          ${column(b, (r) => JSON.stringify(r.data))}::jsonb[], ${column(b, (r) => r.version)}::integer[],
          ${column(b, (r) => r.createdBy)}::uuid[], ${column(b, (r) => iso(r.createdAt))}::timestamptz[],
          ${column(b, (r) => r.updatedBy)}::uuid[], ${column(b, (r) => iso(r.updatedAt))}::timestamptz[],
          ${column(b, (r) => iso(r.deletedAt))}::timestamptz[], ${column(b, (r) => r.deletedBy)}::uuid[]
        ) as x(id, kind, unit_id, client_id, parent_id, occurred_on, data, version, created_by, created_at, updated_by, updated_at, deleted_at, deleted_by)
      ), inserted as (
        insert into records (id, kind, unit_id, client_id, parent_id, occurred_on, data, version, created_by, created_at,
          updated_by, updated_at, deleted_at, deleted_by)
        select id, kind, unit_id, client_id, parent_id, occurred_on, data, version, created_by, created_at,
          updated_by, updated_at, deleted_at, deleted_by
        from x
      )
      insert into history (subject_id, subject_type, version, op, actor_id, at, snapshot)
      select id, 'record', 1, 'create', created_by, created_at,
        jsonb_build_object('unitId', unit_id, 'clientId', client_id, 'parentId', parent_id, 'occurredOn', occurred_on) || data
      from x
      where version = 1`);
  }
}

async function insertHistory(tx: Tx, rows: HistoryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const b = rows.slice(i, i + BATCH);
    await tx.execute(sql`
      insert into history (subject_id, subject_type, version, op, actor_id, at, snapshot, changes)
      select * from unnest(
        ${column(b, (h) => h.subjectId)}::uuid[], ${column(b, (h) => h.subjectType)}::text[], ${column(b, (h) => h.version)}::integer[],
        ${column(b, (h) => h.op)}::history_op[], ${column(b, (h) => h.actorId)}::uuid[], ${column(b, (h) => iso(h.at))}::timestamptz[],
        ${column(b, (h) => JSON.stringify(h.snapshot))}::jsonb[], ${column(b, (h) => (h.changes ? JSON.stringify(h.changes) : null))}::jsonb[]
      )`);
  }
}

/**
 * On the embedded PGlite (PostgreSQL compiled to WebAssembly) every foreign-key check costs tens
 * of microseconds, and this seed makes about half a million of them (clients, records, history):
 * some 20 seconds. So, where the session may (a superuser, as PGlite's always is), the seed's
 * own inserts skip the per-row foreign-key triggers (`session_replication_role = replica`, for
 * this transaction only), and the same references are then checked with a few set-based queries:
 * a dangling one fails the seed and rolls it back. Unique indexes and check constraints apply as usual.
 */
async function withoutRowTriggers(tx: Tx, load: () => Promise<void>): Promise<void> {
  const [{ superuser }] = (await tx.execute(sql`select current_setting('is_superuser') = 'on' as superuser`)).rows as { superuser: boolean }[];
  if (!superuser) return load();
  await tx.execute(sql`set local session_replication_role = replica`);
  await load();
  await tx.execute(sql`set local session_replication_role = origin`);
  const [{ dangling }] = (
    await tx.execute(sql`
      select (
        (select count(*) from clients c
          where not exists (select 1 from org_units u where u.id = c.contact_point_id)
             or (c.occupation_id is not null and not exists (select 1 from occupations o where o.id = c.occupation_id))
             or (c.created_by is not null and not exists (select 1 from users u where u.id = c.created_by)))
        + (select count(*) from records r
          where not exists (select 1 from org_units u where u.id = r.unit_id)
             or (r.client_id is not null and not exists (select 1 from clients c where c.id = r.client_id))
             or not exists (select 1 from users u where u.id = r.created_by)
             or (r.updated_by is not null and not exists (select 1 from users u where u.id = r.updated_by))
             or (r.deleted_by is not null and not exists (select 1 from users u where u.id = r.deleted_by)))
        + (select count(*) from history h where h.actor_id is not null and not exists (select 1 from users u where u.id = h.actor_id))
      )::int as dangling`)
  ).rows as { dangling: number }[];
  if (dangling !== 0) throw new Error(`Demo seed: ${dangling} rows reference missing rows`);
}

/**
 * Logs the demo network's 2019 (about 57,000 clients and 76,000 records with their history),
 * so that the 2019 figures as of 2020-01-07 come out exactly as published (see
 * plan-2019/ for what is generated and why the counts hold). Runs once, inside
 * seedDemo's transaction, after the org tree, the occupations and the demo accounts exist.
 */
export async function seedRecords2019(tx: Tx, options: { advisers: DemoAdviser[]; occupationIds: Map<string, string> }): Promise<Records2019Summary> {
  const started = performance.now();
  const regions = await loadRegions(tx, options.advisers);
  const plan = planRecords2019({ regions, occupationIds: options.occupationIds });
  await withoutRowTriggers(tx, async () => {
    await insertClients(tx, plan.clients);
    await insertRecords(tx, plan.records);
    await insertHistory(tx, plan.history);
  });
  const plainRecords = plan.records.filter((r) => r.version === 1).length;
  return {
    clients: plan.clients.length,
    records: plan.records.length,
    historyRows: plan.clients.length + plainRecords + plan.history.length,
    ms: Math.round(performance.now() - started),
  };
}
