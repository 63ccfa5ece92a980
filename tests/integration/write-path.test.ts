import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, getDb } from "@/db/client";
import { statementName } from "@/db/prepared";
import { apiTokens, auditLog, figureDeltas, history, idempotencyKeys, orgUnits, records } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { updateClient } from "@/lib/clients/commands";
import { isReplay } from "@/lib/idempotency";
import { execute } from "@/lib/operation";
import { present } from "@/lib/records/create";
import { KINDS, kindSpec } from "@/lib/records/kinds";
import { apiAdviser, send } from "../helpers/api";
import { fullClientUpdate, makeActor, makeClient, makeOrg, newKey, placementFor, recordInput } from "../helpers/factories";
import { ops } from "../helpers/records";

/**
 * The write path (quality target P4, docs/quality.md): what a create leaves, and how many
 * statements it takes to leave it. The count is the design, not a timing: every statement is a
 * round trip to the database, and the bench (`npm run bench -- --only writes`) measures what they cost.
 */

type Org = Awaited<ReturnType<typeof makeOrg>>;

/** Every statement sent to the database while `run` runs, by its text; `sentAs` gets each as sent: its text and its name (a prepared statement's), if any. */
async function statementsOf(run: () => Promise<unknown>, sentAs: { text: string; name?: string }[] = []): Promise<string[]> {
  const sent: string[] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with the client as `this`
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; name?: string };
    sent.push((typeof first === "string" ? first : (first.text ?? "")).replace(/\s+/g, " ").trim());
    sentAs.push(typeof first === "string" ? { text: first } : { text: first.text ?? "", name: first.name });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent;
}

describe("the write path", () => {
  let org: Org;
  let adviser: Actor;
  beforeAll(async () => {
    org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
  });

  for (const spec of KINDS) {
    it(`${spec.kind}: a create answers the record as stored and leaves it, its first version, its key holding the answer given and one audit entry`, async () => {
      const input = recordInput(spec, await placementFor(adviser, spec));
      const result = await execute(ops(spec).create, adviser, input);
      expect(result.ok).toBe(true);
      const answer = result.ok ? result.value : null;
      const id = answer!.id;
      const db = await getDb();
      // The answer is made in the app before the record is written: it must be the record as stored, timestamps and all.
      const [stored] = await db.select().from(records).where(eq(records.id, id));
      expect(answer).toEqual(present(stored));
      expect(await db.select({ version: history.version, op: history.op }).from(history).where(and(eq(history.subjectId, id), eq(history.subjectType, "record")))).toEqual([
        { version: 1, op: "create" },
      ]);
      const [key] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.actorId, adviser.userId), eq(idempotencyKeys.key, input.idempotencyKey as string)));
      expect(key).toMatchObject({ resultId: id, operation: `records.${spec.kind}.create` });
      expect(key.response).toEqual(JSON.parse(JSON.stringify(answer)));
      const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, id));
      expect(entries).toEqual([expect.objectContaining({ actorId: adviser.userId, action: `records.${spec.kind}.create`, outcome: "ok" })]);
      // One time, to the microsecond, on the record, its version and its deltas: a figure as of any instant counts it in both or neither.
      const { rows } = await db.execute(sql`
        select distinct t::text as t from (
          select created_at as t from records where id = ${id} union all select updated_at from records where id = ${id}
          union all select at from history where subject_id = ${id} union all select at from figure_deltas where record_id = ${id}) as times`);
      expect(rows).toHaveLength(1);
    });
  }

  it("a create's ledger deltas name the record and carry its client's attributes", async () => {
    const spec = kindSpec("advice_session");
    const input = recordInput(spec, await placementFor(adviser, spec));
    const result = await execute(ops(spec).create, adviser, input);
    const id = result.ok ? result.value.id : "";
    const deltas = await (await getDb()).select().from(figureDeltas).where(eq(figureDeltas.recordId, id));
    expect(deltas).toContainEqual(
      expect.objectContaining({ unitId: org.contactPoints[0].id, subprojectId: org.subproject.id, regionId: org.region.id, clientId: input.clientId, gender: "female" }),
    );
  });

  it("an advice session created through the API takes 3 statements: the caller, what the create rests on, and the record with the rest", async () => {
    const api = await apiAdviser([org.contactPoints[0].id]);
    const spec = kindSpec("advice_session");
    const { idempotencyKey: _key, ...body } = recordInput(spec, await placementFor(api.actor, spec));
    // The first call of a token notes when it was used (once a minute): a statement of its own.
    expect((await send("POST", "/api/v1/advice-sessions", { token: api.token, body, headers: { "idempotency-key": newKey() } })).status).toBe(201);
    const [token] = await (await getDb()).select({ lastUsedAt: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.userId, api.actor.userId));
    expect(token.lastUsedAt).toBeInstanceOf(Date);
    let status = 0;
    const sentAs: { text: string; name?: string }[] = [];
    const sent = await statementsOf(async () => {
      status = (await send("POST", "/api/v1/advice-sessions", { token: api.token, body, headers: { "idempotency-key": newKey() } })).status;
    }, sentAs);
    expect(status).toBe(201);
    expect(sent, sent.join("\n")).toHaveLength(3);
    expect(sent[1]).toMatch(/^select exists \(select from idempotency_keys/);
    expect(sent[2]).toMatch(/^with claimed as \(insert into "idempotency_keys"/);
    expect(sent.join("\n")).not.toMatch(/^(begin|commit)$/m);
    // On PostgreSQL they are prepared statements (db/prepared.ts), parsed once per connection;
    // PGlite's one session outlives its connections, so there they go unnamed.
    if (databaseKind() === "postgres") {
      expect(sentAs[0].name).toBe("lotse_actor_by_token");
      for (const i of [1, 2]) expect(sentAs[i].name, sent[i]).toBe(statementName(sentAs[i].text));
    } else {
      expect(sentAs.map((s) => s.name)).toEqual(sent.map(() => undefined));
    }
  });

  it("the actor is read in one statement: an adviser of a subproject gets its contact points and the subproject once", async () => {
    const user = await makeActor("adviser", { unitIds: [org.subproject.id, org.contactPoints[1].id] });
    let actor: Actor | null = null;
    const sent = await statementsOf(async () => {
      actor = await loadActor(await getDb(), user.userId);
    });
    expect(sent).toHaveLength(1);
    expect(actor).toMatchObject({ userId: user.userId, role: "adviser", unitIds: expect.arrayContaining([org.subproject.id, org.contactPoints[1].id]), subprojectIds: [org.subproject.id] });
    expect([...actor!.contactPointIds].sort()).toEqual(org.contactPoints.map((c) => c.id).sort());
  });

  it("a kind counted once per person, or placed under its scheme, is written in one transaction: begin, contact points, key with unit and client, the rest, commit", async () => {
    const spec = kindSpec("fair_integration_session");
    const input = recordInput(spec, await placementFor(adviser, spec));
    let ok = false;
    const sent = await statementsOf(async () => {
      ok = (await execute(ops(spec).create, adviser, input)).ok;
    });
    expect(ok).toBe(true);
    expect(sent[0]).toBe("begin");
    expect(sent.at(-1)).toBe("commit");
  });
});

/**
 * What a create in one statement (lib/records/create-alone.ts) read can change before it writes.
 * Each test changes it at that moment, between the create's two statements, and the create must
 * then be written as the full path writes it, from what holds by then, and only once.
 */
describe("a create whose facts change between its read and its write", () => {
  let org: Org;
  let adviser: Actor;
  beforeAll(async () => {
    org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
  });

  /**
   * Runs `create`, and `meanwhile` once, just before the first one-statement write is handed to
   * the pool (on PGlite the pool has one connection, which `meanwhile` needs too); the statements
   * `create` sent on its connections, but `meanwhile`'s.
   */
  async function withChangeBeforeWrite<T>(create: () => Promise<T>, meanwhile: () => Promise<unknown>): Promise<{ value: T; sent: string[] }> {
    const change: { pending: Promise<unknown> | null } = { pending: null };
    let changing = false;
    const sent: string[] = [];
    const isWrite = (args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      return (typeof first === "string" ? first : (first.text ?? "")).startsWith("with claimed as");
    };
    /* eslint-disable @typescript-eslint/unbound-method -- put back as they were, and called with their object as `this` */
    const poolQuery = pg.Pool.prototype.query;
    const clientQuery = pg.Client.prototype.query;
    /* eslint-enable @typescript-eslint/unbound-method */
    pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
      if (change.pending !== null || !isWrite(args)) return (poolQuery as (...a: unknown[]) => unknown).apply(this, args);
      changing = true;
      change.pending = meanwhile().finally(() => (changing = false));
      return change.pending.then(() => (poolQuery as (...a: unknown[]) => unknown).apply(this, args));
    } as typeof poolQuery;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      if (!changing) sent.push((typeof first === "string" ? first : (first.text ?? "")).replace(/\s+/g, " ").trim());
      return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof clientQuery;
    try {
      const value = await create();
      expect(change.pending, "the create sent no one-statement write").not.toBeNull();
      await change.pending;
      return { value, sent };
    } finally {
      pg.Pool.prototype.query = poolQuery;
      pg.Client.prototype.query = clientQuery;
    }
  }

  async function deltasOf(recordId: string) {
    return (await getDb()).select().from(figureDeltas).where(eq(figureDeltas.recordId, recordId));
  }

  async function leftFor(actor: Actor, key: string, recordId: string) {
    const db = await getDb();
    return {
      keys: await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.actorId, actor.userId), eq(idempotencyKeys.key, key))),
      versions: await db.select().from(history).where(eq(history.subjectId, recordId)),
      entries: await db.select().from(auditLog).where(eq(auditLog.subjectId, recordId)),
    };
  }

  it("the client's attributes corrected: the record counts under the new ones", async () => {
    const spec = kindSpec("advice_session");
    const client = await makeClient(adviser, { gender: "female" });
    const input = recordInput(spec, { unitId: org.contactPoints[0].id, clientId: client.id });
    const { value: result, sent } = await withChangeBeforeWrite(
      () => execute(ops(spec).create, adviser, input),
      async () => expect((await execute(updateClient, adviser, fullClientUpdate(client, { gender: "male" }))).ok).toBe(true),
    );
    expect(result.ok).toBe(true);
    const id = result.ok ? result.value.id : "";
    // The one statement failed and wrote nothing; the full path wrote it.
    expect(sent).toContain("begin");
    const deltas = await deltasOf(id);
    expect(deltas.length).toBeGreaterThan(0);
    expect(new Set(deltas.map((d) => d.gender))).toEqual(new Set(["male"]));
    const left = await leftFor(adviser, input.idempotencyKey as string, id);
    expect(left.keys).toHaveLength(1);
    expect(left.versions).toHaveLength(1);
    expect(left.entries).toHaveLength(1);
    expect(await (await getDb()).select({ id: records.id }).from(records).where(eq(records.clientId, client.id))).toEqual([{ id }]);
  });

  it("the contact point moved to another subproject: the record counts there", async () => {
    const spec = kindSpec("advice_session");
    const elsewhere = await makeOrg();
    const unitId = org.contactPoints[1].id;
    const mover = await makeActor("adviser", { unitIds: [unitId] });
    const client = await makeClient(mover);
    const input = recordInput(spec, { unitId, clientId: client.id });
    const { value: result, sent } = await withChangeBeforeWrite(
      () => execute(ops(spec).create, mover, input),
      async () =>
        (await getDb())
          .update(orgUnits)
          .set({ parentId: elsewhere.subproject.id, regionId: elsewhere.region.id })
          .where(eq(orgUnits.id, unitId)),
    );
    expect(result.ok).toBe(true);
    const id = result.ok ? result.value.id : "";
    expect(sent).toContain("begin");
    const deltas = await deltasOf(id);
    expect(deltas.length).toBeGreaterThan(0);
    for (const d of deltas) expect(d).toMatchObject({ subprojectId: elsewhere.subproject.id, regionId: elsewhere.region.id });
  });

  it("the same key's create written meanwhile: the repeat answers the first's record, marked as a repeat, and makes none", async () => {
    const spec = kindSpec("advice_session");
    const input = recordInput(spec, await placementFor(adviser, spec));
    let first: { id: string } | null = null;
    const { value: result } = await withChangeBeforeWrite(
      () => execute(ops(spec).create, adviser, input),
      async () => {
        const earlier = await execute(ops(spec).create, adviser, input);
        first = earlier.ok ? earlier.value : null;
      },
    );
    expect(first).not.toBeNull();
    expect(result.ok).toBe(true);
    const answer = result.ok ? result.value : null;
    expect(answer!.id).toBe(first!.id);
    expect(isReplay(answer)).toBe(true);
    const left = await leftFor(adviser, input.idempotencyKey as string, first!.id);
    expect(left.keys).toHaveLength(1);
    expect(left.versions).toHaveLength(1);
    // Each request is on record, the repeat's as well.
    expect(left.entries).toHaveLength(2);
  });
});
