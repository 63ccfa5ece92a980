import { and, eq } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { databaseKind, getDb } from "@/db/client";
import { statementName } from "@/db/prepared";
import { apiTokens, auditLog, figureDeltas, history, idempotencyKeys, records } from "@/db/schema";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { present } from "@/lib/records/create";
import { KINDS, kindSpec } from "@/lib/records/kinds";
import { apiAdviser, send } from "../helpers/api";
import { makeActor, makeOrg, newKey, placementFor, recordInput } from "../helpers/factories";
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

  it("an advice session created through the API takes 6 statements: the caller, then begin, contact points, key with unit and client, the record with the rest, commit", async () => {
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
    expect(sent, sent.join("\n")).toHaveLength(6);
    expect(sent[1]).toBe("begin");
    expect(sent[4]).toMatch(/^with w0 as \(insert into "records"/);
    expect(sent[5]).toBe("commit");
    // The four with values are prepared statements on PostgreSQL (db/prepared.ts), parsed once per
    // connection; PGlite's one session outlives its connections, so there they go unnamed.
    if (databaseKind() === "postgres") {
      expect(sentAs[0].name).toBe("lotse_actor_by_token");
      for (const i of [2, 3, 4]) expect(sentAs[i].name, sent[i]).toBe(statementName(sentAs[i].text));
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
});
