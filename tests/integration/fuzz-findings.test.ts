import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { createClient } from "@/lib/clients/commands";
import { MAX_DEPTH, MAX_VALUES } from "@/lib/input-shape";
import { execute } from "@/lib/operation";
import { KINDS } from "@/lib/records/kinds";
import { apiAdviser, send } from "../helpers/api";
import { clientInput, makeOrg, PERSONAL_WITH_CONSENT, placementFor, recordInput, tableCounts, type Placement } from "../helpers/factories";
import { shapedBody } from "../helpers/fuzz-inputs";

/*
 * What the fuzzing (fuzz.test.ts) once found, kept as plain cases, each naming what it checks.
 */

const world = {} as { actor: Actor; token: string; place: Record<string, Placement> };

async function makeWorld(): Promise<void> {
  const org = await makeOrg();
  const { actor, token } = await apiAdviser([org.subproject.id]);
  world.actor = actor;
  world.token = token;
  world.place = { advice_session: await placementFor(actor, KINDS[0]), fair_integration_event: await placementFor(actor, KINDS[2]) };
}

/**
 * Inputs the fuzzing found that once answered 503: kept as plain cases so that
 * each names its field. They are JSON a client may well send.
 */
describe("inputs that must be refused with a field error, not a server error", () => {
  beforeAll(makeWorld, 120_000);

  const event = () => recordInput(KINDS[2], world.place.fair_integration_event);
  const session = () => recordInput(KINDS[0], world.place.advice_session);

  const cases: [string, () => [slug: string, body: Record<string, unknown>], string][] = [
    ["a NUL character in a title", () => ["fair-integration-events", { ...event(), title: "Arbeits\u0000recht" }], "title"],
    ["a lone surrogate in a title", () => ["fair-integration-events", { ...event(), title: "Arbeits\ud800recht" }], "title"],
    ["a NUL character in the idempotency key", () => ["advice-sessions", { ...session(), idempotencyKey: `key-${randomUUID()}\u0000` }], "idempotencyKey"],
    ["the year 0000", () => ["advice-sessions", { ...session(), occurredOn: "0000-01-01" }], "occurredOn"],
    ["a NUL character in a client's name", () => ["clients", clientInput(world.actor.contactPointIds[0], { ...PERSONAL_WITH_CONSENT, fullName: "Amal\u0000" })], "fullName"],
    ["the year 0000 as consent date", () => ["clients", clientInput(world.actor.contactPointIds[0], { ...PERSONAL_WITH_CONSENT, consentGivenOn: "0000-01-01" })], "consentGivenOn"],
  ];
  it.each(cases)("POST with %s is refused naming the field", async (_, make, field) => {
    const before = await tableCounts();
    const [slug, body] = make();
    const answer = await send("POST", `/api/v1/${slug}`, { token: world.token, body, headers: { "accept-language": "en" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(Object.keys(answer.body.error.fieldErrors)).toContain(field);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["/api/v1/advice-sessions?from=0000-01-01", "from"],
    ["/api/v1/advice-sessions?to=0000-12-31", "to"],
    ["/api/v1/clients?q=%00", "q"],
  ])("GET %s is refused naming %s", async (path, field) => {
    const answer = await send("GET", path, { token: world.token, headers: { "accept-language": "en" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(Object.keys(answer.body.error.fieldErrors)).toContain(field);
  });
});

/** Quality target R10 (docs/quality.md), the cases of the finding: bodies that once answered 503 (a stack overflow). */
describe("bodies past the limits are refused naming _body, never with a server error", () => {
  beforeAll(makeWorld, 120_000);

  const notesNested = (arrays: boolean) => shapedBody({ kind: "deep", field: "notes", depth: 10_000, arrays: [arrays] }, () => clientInput(world.actor.contactPointIds[0], PERSONAL_WITH_CONSENT));

  it.each([
    ["an object", false],
    ["an array", true],
  ])("POST /api/v1/clients with notes as %s nested 10,000 levels deep: 422", async (_, arrays) => {
    const before = await tableCounts();
    const answer = await send("POST", "/api/v1/clients", { token: world.token, body: notesNested(arrays).text, headers: { "accept-language": "en" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
    expect(answer.body.error.fieldErrors).toEqual({ _body: [`The body is nested too deeply: at most ${MAX_DEPTH} levels.`] });
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["an object", false],
    ["an array", true],
  ])("a server action's input (the operation) with notes as %s nested 10,000 levels deep: 422", async (_, arrays) => {
    const before = await tableCounts();
    const result = await execute(createClient, world.actor, notesNested(arrays).value, "de");
    expect(result).toEqual({ ok: false, error: { kind: "validation", fieldErrors: { _body: [`Die Daten sind zu tief verschachtelt: höchstens ${MAX_DEPTH} Ebenen.`] } } });
    expect(await tableCounts()).toEqual(before);
  });

  it("an input with more values than allowed: 422", async () => {
    const result = await execute(createClient, world.actor, { ...clientInput(world.actor.contactPointIds[0]), notes: new Array(MAX_VALUES).fill("x") }, "en");
    expect(result).toEqual({ ok: false, error: { kind: "validation", fieldErrors: { _body: ["The body holds too many values: at most 100,000."] } } });
  });

  it("a 2 MiB body: 413 naming the limit, in the caller's language", async () => {
    const before = await tableCounts();
    const body = JSON.stringify({ ...clientInput(world.actor.contactPointIds[0], PERSONAL_WITH_CONSENT), notes: "x".repeat(2 * 1024 * 1024) });
    const answer = await send("POST", "/api/v1/clients", { token: world.token, body, headers: { "accept-language": "de" } });
    expect(answer.status, JSON.stringify(answer.body)?.slice(0, 300)).toBe(413);
    expect(answer.body.error).toEqual({ kind: "too_large", fieldErrors: { _body: ["Die Anfrage ist zu groß: höchstens 1.048.576 Bytes."] } });
    expect(await tableCounts()).toEqual(before);
  });

  it("a body within the limits but nested as deep as allowed reaches the field check", async () => {
    const body = shapedBody({ kind: "deep", field: "notes", depth: MAX_DEPTH - 1, arrays: [false] }, () => clientInput(world.actor.contactPointIds[0], PERSONAL_WITH_CONSENT));
    const answer = await send("POST", "/api/v1/clients", { token: world.token, body: body.text, headers: { "accept-language": "en" } });
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.body.error.fieldErrors)).toEqual(["notes"]);
  });
});
