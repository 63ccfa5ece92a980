import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { QueryResult } from "pg";
import { getDb, getPool, type Tx } from "@/db/client";
import { SEE_ALL_CLIENTS, seeAllClients } from "@/db/row-security";
import { orgUnits, userUnits, users, type Client, type RecordKind, type Role } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { createClient } from "@/lib/clients/commands";
import { execute, type Result } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { kindSpec, type KindSpec } from "@/lib/records/kinds";
import { TEST_CONSENT_PURPOSE } from "./consent-purpose";

export { TEST_CONSENT_PURPOSE };

const tag = () => randomUUID().slice(0, 8);

/** A small org tree of its own: network → region → subproject → two contact points. */
export async function makeOrg() {
  const db = await getDb();
  const [network] = await db.select().from(orgUnits).where(eq(orgUnits.level, "network"));
  const root =
    network ?? (await db.insert(orgUnits).values({ level: "network", name: "Netzwerk IQ", activeFrom: "2019-01-01" }).returning())[0];
  const [region] = await db
    .insert(orgUnits)
    .values({ level: "region", parentId: root.id, name: `Region ${tag()}`, code: null, activeFrom: "2019-01-01" })
    .returning();
  await db.update(orgUnits).set({ regionId: region.id }).where(eq(orgUnits.id, region.id));
  const [subproject] = await db
    .insert(orgUnits)
    .values({ level: "subproject", parentId: region.id, regionId: region.id, name: `Beratung ${tag()}`, provider: "Träger", priorityArea: "advice", activeFrom: "2019-01-01" })
    .returning();
  const contactPoints = await db
    .insert(orgUnits)
    .values(
      (["permanent", "mobile"] as const).map((kind) => ({
        level: "contact_point" as const,
        parentId: subproject.id,
        regionId: region.id,
        name: `Anlaufstelle ${tag()}`,
        town: "Musterstadt",
        contactPointKind: kind,
        activeFrom: "2019-01-01",
      })),
    )
    .returning();
  return { network: root, region: { ...region, regionId: region.id }, subproject, contactPoints };
}

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export async function makeUser(role: Role, options: { regionId?: string; unitIds?: string[]; active?: boolean } = {}) {
  const db = await getDb();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${tag()}@test.example`,
      name: `${role} ${tag()}`,
      role,
      regionId: options.regionId ?? null,
      passwordHash: await cachedHash,
      active: options.active ?? true,
    })
    .returning();
  if (options.unitIds?.length) await db.insert(userUnits).values(options.unitIds.map((unitId) => ({ userId: user.id, unitId })));
  return user;
}

export async function makeActor(role: Role, options: Parameters<typeof makeUser>[1] = {}): Promise<Actor> {
  const user = await makeUser(role, options);
  return (await loadActor(await getDb(), user.id))!;
}

// ---------------------------------------------------------------------------
// Clients and records, made through the same operations the app uses.

/** A fresh idempotency key (each create needs its own unless a retry is meant). */
export const newKey = () => `key-${randomUUID()}`;

function unwrap<R>(result: Result<R>, what: string): R {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A valid client body for `clients.create`, without personal data unless asked. */
export function clientInput(contactPointId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: newKey(),
    contactPointId,
    gender: "female",
    birthYear: 1988,
    qualificationCountry: "SY",
    citizenship: "SY",
    residenceStatus: "third_country_permit",
    inGermanySince: 2016,
    germanLevel: "B1",
    qualificationLevel: "academic",
    regulatedProfession: true,
    ...overrides,
  };
}

/** A full update (`clients.update`, PUT) of a client as it is: every statistical and personal field named. */
export function fullClientUpdate(client: Client, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const fields = ["gender", "birthYear", "qualificationCountry", "citizenship", "residenceStatus", "inGermanySince", "germanLevel", "qualificationLevel", "occupationId", "regulatedProfession", "fullName", "phone", "email", "notes"] as const;
  return { id: client.id, version: client.version, ...Object.fromEntries(fields.map((f) => [f, client[f]])), ...overrides };
}

/** Personal data together with the consent it needs. */
export const PERSONAL_WITH_CONSENT = {
  fullName: "Amal Haddad",
  phone: "+49 30 1234567",
  email: "amal.haddad@test.example",
  notes: "Möchte als Ärztin arbeiten.",
  consentGivenOn: "2019-03-01",
  consentPurposeId: TEST_CONSENT_PURPOSE.id,
} as const;

/** A client of the adviser's (first) contact point. */
export async function makeClient(actor: Actor, overrides: Record<string, unknown> = {}): Promise<Client> {
  return unwrap(await execute(createClient, actor, clientInput(actor.contactPointIds[0], overrides)), "clients.create");
}

/** Valid values of each kind's own fields. */
export const SAMPLE_DATA: Record<RecordKind, Record<string, unknown>> = {
  advice_session: { channel: "in_person", stage: "initial", adviceType: "recognition", nextStep: "referred_recognition_authority" },
  fair_integration_session: { channel: "phone", topics: ["wages", "residence_law"] },
  fair_integration_event: { title: "Arbeitsrecht kompakt", participants: 12, topics: ["wages", "working_time"] },
  job_training_scheme: { title: "Anpassungslehrgang Pflege", format: "course", measureType: "compensation_measure", regulatedProfession: true, plannedEndOn: "2019-12-31" },
  enrolment: { outcome: "ongoing", endOn: null, achievement: null, outcomeOn: null },
  intercultural_activity: { targetGroup: "business", activityType: "training", participants: 8, topics: ["anti_discrimination"] },
  skilled_worker_activity: { activityType: "event", peopleReached: 40 },
};

/** The unit a record of this kind goes to for this adviser (their contact point or subproject). */
export function unitFor(actor: Actor, spec: KindSpec): string {
  return spec.unitLevel === "contact_point" ? actor.contactPointIds[0] : actor.subprojectIds[0];
}

export interface Placement {
  unitId?: string;
  schemeId?: string;
  clientId?: string;
}

/** Everything a create of this kind needs, made afresh for the adviser: a client, a scheme. */
export async function placementFor(actor: Actor, spec: KindSpec, options: { format?: "course" | "individual" } = {}): Promise<Placement> {
  const place: Placement = {};
  if (spec.unitLevel === "scheme") place.schemeId = (await makeRecord(actor, "job_training_scheme", { data: { format: options.format ?? "course" } })).id;
  else place.unitId = unitFor(actor, spec);
  if (spec.clientBased) place.clientId = (await makeClient(actor)).id;
  return place;
}

/** A valid create body of a kind, at the given place. */
export function recordInput(spec: KindSpec, place: Placement, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { idempotencyKey: newKey(), occurredOn: "2019-05-14", ...SAMPLE_DATA[spec.kind] };
  if (spec.unitLevel === "scheme") body.schemeId = place.schemeId;
  else body.unitId = place.unitId;
  if (spec.clientBased) body.clientId = place.clientId;
  return { ...body, ...overrides };
}

/** A valid update body from a record as the API shows it (shared fields and the kind's own). */
export function updateInput(spec: KindSpec, record: PresentedRecord, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const current = record as Record<string, unknown>;
  const body: Record<string, unknown> = { id: record.id, version: record.version, occurredOn: record.occurredOn };
  if (spec.unitLevel !== "scheme") body.unitId = record.unitId;
  if (spec.clientBased) body.clientId = record.clientId;
  for (const key of Object.keys(spec.data.shape)) body[key] = current[key];
  return { ...body, ...overrides };
}

/** A record of a kind made by the adviser, with a fresh client / scheme where the kind needs one. */
export async function makeRecord(
  actor: Actor,
  kind: RecordKind,
  options: { place?: Placement; data?: Record<string, unknown> } = {},
): Promise<PresentedRecord> {
  const spec = kindSpec(kind);
  const place = options.place ?? (await placementFor(actor, spec));
  return unwrap(await execute(RECORD_OPERATIONS[kind].create, actor, recordInput(spec, place, options.data)), `records.${kind}.create`);
}

/** Rows in the tables a write touches, to prove that a refused request wrote nothing (one round trip). */
export async function tableCounts(): Promise<Record<"records" | "clients" | "history" | "idempotencyKeys" | "consents", number>> {
  // The fuzz tests call this after every case: the whole transaction (the retention job's view of
  // every client, then the counts) goes as one simple query, one round trip.
  const results = (await (await getPool()).query(`
    begin;
    ${SEE_ALL_CLIENTS};
    select (select count(*) from records)::int as records, (select count(*) from clients)::int as clients,
      (select count(*) from history)::int as history, (select count(*) from idempotency_keys)::int as "idempotencyKeys",
      (select count(*) from consents)::int as consents;
    commit`)) as unknown as QueryResult[];
  return results[2].rows[0];
}

/**
 * Reads as the retention job does: every client of every contact point. The app's role sees
 * no client outside a transaction that declared its contact points (row-level security).
 */
export async function readingAllClients<T>(read: (tx: Tx) => Promise<T>): Promise<T> {
  return (await getDb()).transaction(async (tx) => {
    await seeAllClients(tx);
    return read(tx);
  });
}
