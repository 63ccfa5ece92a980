// Over 300 lines: one world and one check for every endpoint, fuzzed at two levels (inputs: tests/helpers/fuzz-inputs.ts; findings: fuzz-findings.test.ts).
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { clients, type Client } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { createClient, patchClient, updateClient } from "@/lib/clients/commands";
import { searchClients } from "@/lib/clients/queries";
import { createOccupation, searchOccupations } from "@/lib/occupations";
import { listVisibleUnits } from "@/lib/org/queries";
import { execute, httpStatus, type AnyOperation } from "@/lib/operation";
import { RECORD_OPERATIONS, type PresentedRecord } from "@/lib/records/commands";
import { KINDS, type KindSpec } from "@/lib/records/kinds";
import { apiAdviser, send, type Answer } from "../helpers/api";
import { bodyOf, bodyPlans, NASTY_STRINGS, queryPlans, Shaped, wireText } from "../helpers/fuzz-inputs";
import { installWriteCounter, type WriteCounter } from "../helpers/write-counter";
import { clientInput, makeActor, makeClient, makeOrg, makeRecord, PERSONAL_WITH_CONSENT, placementFor, recordInput, updateInput, type Placement } from "../helpers/factories";

/**
 * Quality target R5 (docs/quality.md): arbitrary bodies and query strings for every write endpoint
 * and every list. Never a 5xx; a 422 names the fields and why; a refused
 * request writes nothing (no row of records, clients, history, idempotency_keys
 * or consents inserted, changed or deleted: tests/helpers/write-counter.ts).
 *
 * Each endpoint is fuzzed at two levels. Through the operation its route handler
 * runs, with exactly the input the handler would pass (the body after a JSON
 * round trip, the path id, the query as an object): 1,000 cases each (FUZZ_RUNS
 * sets another count: CI runs the full 1,000 on one database and a sample on the
 * other, see README, Tests). And
 * through the route handler itself, with a real Request and a Bearer token
 * (body parsing, non-JSON bodies, path and query mapping, authentication):
 * fewer cases, because resolving a token costs about six queries per request
 * on PGlite.
 *
 * Quality target R10 (docs/quality.md): among the bodies are ones past the limits of lib/input-shape.ts
 * (nested up to 10,000 levels deep, too many values, over 1 MiB), which must
 * be refused naming `_body` (422, or 413 for the size), never with a 5xx.
 */
const DIRECT_RUNS = fuzzRuns(process.env.FUZZ_RUNS);
const HTTP_RUNS = 30;
const TIMEOUT = 180_000;

/** Cases per endpoint through the operation: 1,000 unless FUZZ_RUNS names another whole number. */
function fuzzRuns(value: string | undefined): number {
  if (value === undefined || value === "") return 1000;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`FUZZ_RUNS must be a whole number of cases above 0 (got "${value}")`);
  return Number(value);
}

// ---------------------------------------------------------------------------
// Checking one answer.

const ALLOWED = new Set([200, 201, 404, 409, 413, 422]);

function checkAnswer(answer: { status: number; body: any }, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)?.slice(0, 500)}`).toBeLessThan(500);
  expect(ALLOWED.has(answer.status), `${what}: unexpected status ${answer.status}`).toBe(true);
  if (answer.status === 422 || answer.status === 413) {
    const error = answer.body?.error;
    expect(error?.kind, what).toBe(answer.status === 413 ? "too_large" : "validation");
    const entries = Object.entries((error?.fieldErrors ?? {}) as Record<string, unknown>);
    expect(entries.length, `${what}: a 422 names at least one field`).toBeGreaterThan(0);
    for (const [field, messages] of entries) {
      // The field as the caller named it: "" is a name too (`{"": 1}` or `?=`).
      expect(Array.isArray(messages) && messages.length > 0, `${what}: ${field} has a reason`).toBe(true);
      for (const message of messages as unknown[]) {
        expect(typeof message === "string" && message.length > 0 && !message.startsWith("errors."), `${what}: ${field}: ${String(message)}`).toBe(true);
      }
    }
  }
  if (answer.status === 409) expect(answer.body?.error?.current, what).toBeTypeOf("object");
}

/** A body past a limit is refused as a whole, naming `_body`, whatever else is wrong with it. */
function checkShape(body: unknown, answer: { status: number; body: any }, http: boolean, what: string): void {
  if (!(body instanceof Shaped) || !body.refusal || (body.refusal.via === "http" && !http)) return;
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(body.refusal.status);
  expect(Object.keys(answer.body.error.fieldErrors), what).toContain("_body");
}

/** Rows written in records, clients, history, idempotency_keys and consents (tests/helpers/write-counter.ts). */
let writes: WriteCounter;
let baseline: number;

/** After a refusal no row may have been written; after a success the new count is the baseline. */
async function checkWrites(status: number, what: string, onSuccess?: () => Promise<void>): Promise<void> {
  if (status >= 200 && status < 300) {
    await onSuccess?.();
    baseline = await writes.read();
    return;
  }
  const now = await writes.read();
  const before = baseline;
  // Whatever happened, the next case compares with what is there now (so that shrinking is not misled).
  baseline = now;
  expect(now - before, `${what}: a refused request wrote rows`).toBe(0);
}

/** The operation's answer as the route handler would give it (an exception would be its 503). */
async function direct(op: AnyOperation, actor: Actor, input: unknown, successStatus = 200): Promise<{ status: number; body: any }> {
  const result = await execute(op, actor, input, "en");
  return result.ok ? { status: successStatus, body: result.value } : { status: httpStatus(result.error), body: { error: result.error } };
}

// ---------------------------------------------------------------------------
// The endpoints.

interface World {
  actor: Actor;
  token: string;
  /** Ids of the world besides the edit and delete targets (so that one endpoint's cases cannot delete another's target). */
  ids: string[];
  targetIds: string[];
  place: Record<string, Placement>;
  putTargets: Map<string, PresentedRecord>;
  deleteTargets: Map<string, PresentedRecord>;
  client: Client;
}

const world = {} as World;
const isObject = (v: unknown): v is Record<string, unknown> =>
  v instanceof Shaped ? isObject(v.value) : typeof v === "object" && v !== null && !Array.isArray(v) && !("__text" in v && Object.keys(v).length === 1);
const roundTrip = (v: unknown) => (v instanceof Shaped ? v.value : JSON.parse(JSON.stringify(v))) as Record<string, unknown>;
const enc = encodeURIComponent;

/** Ids the fuzzer picks from: its own units, clients and records, another adviser's, and ones that do not exist. */
async function buildWorld(): Promise<void> {
  const org = await makeOrg();
  const other = await makeOrg();
  const { actor, token } = await apiAdviser([org.subproject.id]);
  const outsider = await makeActor("adviser", { unitIds: [other.contactPoints[0].id] });
  const admin = await makeActor("admin");
  const occupation = await execute(createOccupation, admin, { nameDe: `Beruf ${randomUUID()}`, nameEn: `Occupation ${randomUUID()}`, kldbCode: "" });
  Object.assign(world, { actor, token, place: {}, putTargets: new Map(), deleteTargets: new Map() });
  world.client = await makeClient(actor, PERSONAL_WITH_CONSENT);
  const foreignClient = await makeClient(outsider);
  const foreignScheme = await makeRecord(outsider, "job_training_scheme");
  for (const spec of KINDS) {
    world.place[spec.kind] = await placementFor(actor, spec);
    world.putTargets.set(spec.kind, await makeRecord(actor, spec.kind));
    world.deleteTargets.set(spec.kind, await makeRecord(actor, spec.kind));
  }
  world.ids = [
    ...org.contactPoints.map((c) => c.id),
    org.subproject.id,
    org.region.id,
    other.contactPoints[0].id,
    other.subproject.id,
    world.client.id,
    foreignClient.id,
    foreignScheme.id,
    occupation.ok ? occupation.value.id : randomUUID(),
    randomUUID(),
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
  ];
  world.targetIds = [...world.putTargets.values()].map((r) => r.id).concat(world.place.enrolment.schemeId!);
}

const CLIENT_UPDATE_FIELDS = [
  "version",
  "gender",
  "birthYear",
  "qualificationCountry",
  "citizenship",
  "residenceStatus",
  "inGermanySince",
  "germanLevel",
  "qualificationLevel",
  "occupationId",
  "regulatedProfession",
  "fullName",
  "phone",
  "email",
  "notes",
] as const;

/** A valid edit of the client as it is now (the id goes in the path). */
function clientUpdateBody(client: Client): Record<string, unknown> {
  return Object.fromEntries(CLIENT_UPDATE_FIELDS.map((f) => [f, client[f]]));
}

const CLIENT_FIELDS = Object.keys(clientInput("x", PERSONAL_WITH_CONSENT));

describe("fuzzing every write endpoint and list (quality target R5, docs/quality.md)", () => {
  beforeAll(async () => {
    await buildWorld();
    writes = await installWriteCounter();
  }, 120_000);
  afterAll(() => writes?.stop());
  // Each endpoint starts from what is there (an earlier endpoint's failure must not count against the next).
  beforeEach(async () => {
    baseline = await writes.read();
  });

  it("counts what a write commits, and nothing of what is rolled back (the check every case relies on)", async () => {
    const before = await writes.read();
    await makeRecord(world.actor, "advice_session", { place: world.place.advice_session });
    const afterCreate = await writes.read();
    // The record, its first version, the idempotency key.
    expect(afterCreate - before).toBeGreaterThanOrEqual(3);
    await expect(
      (await getDb()).transaction(async (tx) => {
        await tx.execute(sql`select set_config('lotse.access', 'all', true)`);
        await tx.update(clients).set({ notes: "rolled back" }).where(eq(clients.id, world.client.id));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await writes.read()).toBe(afterCreate);
  });

  const levels = [
    { level: "operation", runs: DIRECT_RUNS, http: false },
    { level: "route handler", runs: HTTP_RUNS, http: true },
  ] as const;

  for (const { level, runs, http } of levels) {
    describe(`through the ${level} (${runs} cases each)`, () => {
      it(
        "POST /api/v1/clients",
        async () => {
          const valid = () => clientInput(world.actor.contactPointIds[0], PERSONAL_WITH_CONSENT);
          await fc.assert(
            fc.asyncProperty(bodyPlans(CLIENT_FIELDS, world.ids, http), async (plan) => {
              const body = bodyOf(plan, valid);
              const answer = http
                ? await send("POST", "/api/v1/clients", { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                : isObject(body)
                  ? await direct(createClient, world.actor, roundTrip(body), 201)
                  : null;
              if (!answer) return;
              checkAnswer(answer, "POST clients");
              checkShape(body, answer, http, "POST clients");
              await checkWrites(answer.status, "POST clients");
            }),
            { numRuns: runs },
          );
        },
        TIMEOUT,
      );

      it(
        "PUT /api/v1/clients/[id]",
        async () => {
          const fields = [...CLIENT_UPDATE_FIELDS, "consentGivenOn", "consentPurposeId"];
          const idChoice = fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...world.ids), fc.string({ maxLength: 8 })) });
          await fc.assert(
            fc.asyncProperty(bodyPlans(fields, world.ids, http), idChoice, async (plan, pathId) => {
              const id = pathId ?? world.client.id;
              const body = bodyOf(plan, () => clientUpdateBody(world.client));
              const answer = http
                ? await send("PUT", `/api/v1/clients/${enc(id)}`, { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                : isObject(body)
                  ? await direct(updateClient, world.actor, { ...roundTrip(body), id })
                  : null;
              if (!answer) return;
              checkAnswer(answer, "PUT clients/[id]");
              checkShape(body, answer, http, "PUT clients/[id]");
              await checkWrites(answer.status, "PUT clients/[id]", async () => {
                if (answer.body?.id === world.client.id) world.client = { ...world.client, ...answer.body, createdAt: world.client.createdAt, updatedAt: world.client.updatedAt };
              });
            }),
            { numRuns: runs },
          );
        },
        TIMEOUT,
      );

      it(
        "PATCH /api/v1/clients/[id]",
        async () => {
          const fields = [...CLIENT_UPDATE_FIELDS, "consentGivenOn", "consentPurposeId"];
          const idChoice = fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...world.ids), fc.string({ maxLength: 8 })) });
          // A partial body: the version and a few of the fields (bodyPlans leaves out, adds and breaks more).
          const valid = () => ({ version: world.client.version, germanLevel: world.client.germanLevel, birthYear: world.client.birthYear });
          await fc.assert(
            fc.asyncProperty(bodyPlans(fields, world.ids, http), idChoice, async (plan, pathId) => {
              const id = pathId ?? world.client.id;
              const body = bodyOf(plan, valid);
              const answer = http
                ? await send("PATCH", `/api/v1/clients/${enc(id)}`, { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                : isObject(body)
                  ? await direct(patchClient, world.actor, { ...roundTrip(body), id })
                  : null;
              if (!answer) return;
              checkAnswer(answer, "PATCH clients/[id]");
              checkShape(body, answer, http, "PATCH clients/[id]");
              await checkWrites(answer.status, "PATCH clients/[id]", async () => {
                if (answer.body?.id === world.client.id) world.client = { ...world.client, ...answer.body, createdAt: world.client.createdAt, updatedAt: world.client.updatedAt };
              });
            }),
            { numRuns: runs },
          );
        },
        TIMEOUT,
      );

      for (const spec of KINDS) {
        const ops = RECORD_OPERATIONS[spec.kind];

        it(
          `POST /api/v1/${spec.slug}`,
          async () => {
            const valid = () => recordInput(spec, world.place[spec.kind]);
            await fc.assert(
              fc.asyncProperty(bodyPlans(Object.keys(valid()), world.ids, http), async (plan) => {
                const body = bodyOf(plan, valid);
                const answer = http
                  ? await send("POST", `/api/v1/${spec.slug}`, { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                  : isObject(body)
                    ? await direct(ops.create, world.actor, roundTrip(body), 201)
                    : null;
                if (!answer) return;
                checkAnswer(answer, `POST ${spec.slug}`);
                checkShape(body, answer, http, `POST ${spec.slug}`);
                await checkWrites(answer.status, `POST ${spec.slug}`);
              }),
              { numRuns: runs },
            );
          },
          TIMEOUT,
        );

        it(
          `PUT /api/v1/${spec.slug}/[id]`,
          async () => {
            const target = () => world.putTargets.get(spec.kind)!;
            const valid = () => {
              const { id: _id, ...body } = updateInput(spec, target());
              return body;
            };
            const idChoice = fc.oneof(
              { weight: 6, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...world.ids, ...world.targetIds), fc.string({ maxLength: 8 })) },
            );
            await fc.assert(
              fc.asyncProperty(bodyPlans(Object.keys(valid()), world.ids, http), idChoice, async (plan, pathId) => {
                const id = pathId ?? target().id;
                const body = bodyOf(plan, valid);
                const answer = http
                  ? await send("PUT", `/api/v1/${spec.slug}/${enc(id)}`, { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                  : isObject(body)
                    ? await direct(ops.update, world.actor, { ...roundTrip(body), id })
                    : null;
                if (!answer) return;
                checkAnswer(answer, `PUT ${spec.slug}/[id]`);
                checkShape(body, answer, http, `PUT ${spec.slug}/[id]`);
                await checkWrites(answer.status, `PUT ${spec.slug}/[id]`, async () => {
                  if (answer.body?.id === target().id) world.putTargets.set(spec.kind, answer.body);
                });
              }),
              { numRuns: runs },
            );
          },
          TIMEOUT,
        );

        it(
          `PATCH /api/v1/${spec.slug}/[id]`,
          async () => {
            const target = () => world.putTargets.get(spec.kind)!;
            // A partial body: the version and the kind's own fields (bodyPlans leaves out, adds and breaks more).
            const valid = () => {
              const { id: _id, occurredOn: _o, unitId: _u, clientId: _c, ...body } = updateInput(spec, target());
              return body;
            };
            const fields = Object.keys(updateInput(spec, target())).filter((f) => f !== "id");
            const idChoice = fc.oneof(
              { weight: 6, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...world.ids, ...world.targetIds), fc.string({ maxLength: 8 })) },
            );
            await fc.assert(
              fc.asyncProperty(bodyPlans(fields, world.ids, http), idChoice, async (plan, pathId) => {
                const id = pathId ?? target().id;
                const body = bodyOf(plan, valid);
                const answer = http
                  ? await send("PATCH", `/api/v1/${spec.slug}/${enc(id)}`, { token: world.token, body: wireText(body), headers: { "accept-language": "en" } })
                  : isObject(body)
                    ? await direct(ops.patch, world.actor, { ...roundTrip(body), id })
                    : null;
                if (!answer) return;
                checkAnswer(answer, `PATCH ${spec.slug}/[id]`);
                checkShape(body, answer, http, `PATCH ${spec.slug}/[id]`);
                await checkWrites(answer.status, `PATCH ${spec.slug}/[id]`, async () => {
                  if (answer.body?.id === target().id) world.putTargets.set(spec.kind, answer.body);
                });
              }),
              { numRuns: runs },
            );
          },
          TIMEOUT,
        );

        it(
          `DELETE /api/v1/${spec.slug}/[id]`,
          async () => {
            const target = () => world.deleteTargets.get(spec.kind)!;
            const idChoice = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...world.ids), fc.string({ maxLength: 8 })) });
            // null: the target's current version (a delete that succeeds); undefined: no version at all.
            const version = fc.oneof(
              { weight: 1, arbitrary: fc.constant(null) },
              { weight: 4, arbitrary: fc.oneof(fc.integer({ min: -2, max: 5 }).map(String), fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 6 })) },
              { weight: 1, arbitrary: fc.constant(undefined) },
            );
            const extra = queryPlans(["version", "id", "force"], world.ids);
            await fc.assert(
              fc.asyncProperty(idChoice, version, extra, async (pathId, v, more) => {
                const id = pathId ?? target().id;
                const params = new URLSearchParams(more);
                params.delete("version");
                if (v !== undefined) params.set("version", v ?? String(target().version));
                const answer = http
                  ? await send("DELETE", `/api/v1/${spec.slug}/${enc(id)}?${params}`, { token: world.token, headers: { "accept-language": "en" } })
                  : await direct(ops.remove, world.actor, { id, version: params.get("version") ?? undefined });
                checkAnswer(answer, `DELETE ${spec.slug}/[id]`);
                await checkWrites(answer.status, `DELETE ${spec.slug}/[id]`, async () => {
                  if (answer.body?.id === target().id) world.deleteTargets.set(spec.kind, await makeRecord(world.actor, spec.kind, { place: world.place[spec.kind] }));
                });
              }),
              { numRuns: runs },
            );
          },
          TIMEOUT,
        );
      }

      const lists: { path: string; op: AnyOperation; fields: string[] }[] = [
        { path: "/api/v1/clients", op: searchClients, fields: ["q", "contactPointId", "reminders", "lastContactFrom", "lastContactTo", "sort", "order", "page", "pageSize"] },
        ...KINDS.map((spec: KindSpec) => ({ path: `/api/v1/${spec.slug}`, op: RECORD_OPERATIONS[spec.kind].list, fields: ["from", "to", "unitId", "clientId", "clientRef", "adviserId", "page", "pageSize"] })),
        { path: "/api/v1/org-units", op: listVisibleUnits, fields: ["level", "parentId", "at", "q", "page", "pageSize"] },
        { path: "/api/v1/occupations", op: searchOccupations, fields: ["q", "active", "page", "pageSize"] },
      ];
      for (const { path, op, fields } of lists) {
        it(
          `GET ${path}?…`,
          async () => {
            await fc.assert(
              fc.asyncProperty(queryPlans(fields, world.ids), async (query) => {
                const url = new URL(`${path}?${query}`, "http://localhost");
                const answer: Answer | { status: number; body: any } = http
                  ? await send("GET", `${url.pathname}${url.search}`, { token: world.token, headers: { "accept-language": "en" } })
                  : await direct(op, world.actor, Object.fromEntries(url.searchParams));
                checkAnswer(answer, `GET ${path}?${query}`);
                expect([200, 422], `GET ${path}?${query}`).toContain(answer.status);
                if (answer.status === 200) expect(answer.body).toMatchObject({ items: expect.any(Array), total: expect.any(Number) });
              }),
              { numRuns: runs },
            );
            // Reads write nothing (counted once for the whole run: a read has no partial write to catch).
            expect(await writes.read()).toBe(baseline);
          },
          TIMEOUT,
        );
      }
    });
  }
});
