import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { records } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { KINDS } from "@/lib/records/kinds";
import { apiAdviser, ORIGIN, send, sessionSecret } from "../helpers/api";
import { clientInput, fullClientUpdate, makeOrg, makeRecord, newKey, placementFor, recordInput, updateInput, TEST_CONSENT_PURPOSE } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;

const SESSIONS = "/api/v1/advice-sessions";

describe("JSON API", () => {
  let orgA: Org;
  let orgB: Org;
  let a: { actor: Actor; token: string };
  let b: { actor: Actor; token: string };
  /** A body for a new advice session of adviser A, with a fresh client. */
  let sessionBody: () => Promise<Record<string, unknown>>;

  beforeAll(async () => {
    sessionSecret();
    orgA = await makeOrg();
    orgB = await makeOrg();
    a = await apiAdviser([orgA.contactPoints[0].id]);
    b = await apiAdviser([orgB.contactPoints[0].id]);
    sessionBody = async () => recordInput(KINDS[0], await placementFor(a.actor, KINDS[0]));
  });

  describe("records", () => {
    it("creates (201), reads (200), updates (200) and deletes with ?version= (200), then answers 404", async () => {
      const body = await sessionBody();
      const created = await send("POST", SESSIONS, { token: a.token, body });
      expect(created.status).toBe(201);
      expect(created.headers.get("cache-control")).toBe("no-store");
      expect(created.body).toMatchObject({ kind: "advice_session", version: 1, unitId: body.unitId, clientId: body.clientId, channel: "in_person", createdBy: a.actor.userId });
      const id = created.body.id as string;

      const read = await send("GET", `${SESSIONS}/${id}`, { token: a.token });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, version: 1, stage: "initial" });

      const { id: _id, ...edit } = updateInput(KINDS[0], read.body, { stage: "follow_up" });
      const updated = await send("PUT", `${SESSIONS}/${id}`, { token: a.token, body: edit });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id, version: 2, stage: "follow_up" });

      expect((await send("DELETE", `${SESSIONS}/${id}`, { token: a.token })).body).toMatchObject({ error: { kind: "validation", fieldErrors: { version: expect.any(Array) } } });
      const stale = await send("DELETE", `${SESSIONS}/${id}?version=1`, { token: a.token });
      expect(stale.status).toBe(409);
      const deleted = await send("DELETE", `${SESSIONS}/${id}?version=2`, { token: a.token });
      expect(deleted).toMatchObject({ status: 200, body: { id, deleted: true, version: 3 } });
      expect((await send("GET", `${SESSIONS}/${id}`, { token: a.token })).status).toBe(404);
    });

    it("a stale update answers 409 with the current values, and changes nothing", async () => {
      const record = await makeRecord(a.actor, "advice_session");
      const path = `${SESSIONS}/${record.id}`;
      const { id: _id, ...first } = updateInput(KINDS[0], record, { channel: "video" });
      expect((await send("PUT", path, { token: a.token, body: first })).status).toBe(200);
      const stale = await send("PUT", path, { token: a.token, body: { ...first, channel: "phone" } });
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({ error: { kind: "conflict", current: expect.objectContaining({ id: record.id, version: 2, channel: "video" }) } });
      expect((await send("GET", path, { token: a.token })).body).toMatchObject({ version: 2, channel: "video" });
    });

    it("lists with paging (page, pageSize, total) and filters by from, to and unitId", async () => {
      const adviser = await apiAdviser([orgA.subproject.id]);
      const [cp0, cp1] = orgA.contactPoints.map((c) => c.id);
      const path = "/api/v1/fair-integration-events";
      const mine = new Set<string>();
      for (const [unitId, occurredOn] of [
        [cp0, "2018-07-01"],
        [cp0, "2018-07-10"],
        [cp1, "2018-07-05"],
        [cp1, "2018-08-01"],
        [cp1, "2018-07-20"],
      ]) {
        const created = await send("POST", path, { token: adviser.token, body: recordInput(KINDS[2], { unitId }, { occurredOn }) });
        expect(created.status).toBe(201);
        mine.add(created.body.id);
      }
      const page = async (query: string) => {
        const answer = await send("GET", `${path}?${query}`, { token: adviser.token });
        expect(answer.status, query).toBe(200);
        return answer.body as { items: { id: string; occurredOn: string; unitId: string }[]; page: number; pageSize: number; total: number };
      };
      const july = await page(`from=2018-07-01&to=2018-07-31&unitId=${cp1}&pageSize=1&page=1`);
      expect(july).toMatchObject({ page: 1, pageSize: 1, total: 2 });
      expect(july.items.map((r) => r.occurredOn)).toEqual(["2018-07-20"]);
      const second = await page(`from=2018-07-01&to=2018-07-31&unitId=${cp1}&pageSize=1&page=2`);
      expect(second).toMatchObject({ page: 2, pageSize: 1, total: 2 });
      expect(second.items.map((r) => r.occurredOn)).toEqual(["2018-07-05"]);
      expect((await page(`from=2018-07-01&to=2018-07-31&unitId=${cp1}&pageSize=1&page=3`)).items).toEqual([]);

      const all = await page("from=2018-07-01&to=2018-08-31&pageSize=200");
      expect(all.items.filter((r) => mine.has(r.id)).map((r) => r.occurredOn)).toEqual(["2018-08-01", "2018-07-20", "2018-07-10", "2018-07-05", "2018-07-01"]);
      expect((await page(`unitId=${cp0}&from=2018-07-02&to=2018-07-31`)).items.map((r) => r.occurredOn)).toEqual(["2018-07-10"]);

      // Another adviser's list holds none of them, even when asking for that unit.
      const other = await send("GET", `${path}?unitId=${cp1}&from=2018-07-01&to=2018-08-31`, { token: b.token });
      expect(other).toMatchObject({ status: 200, body: { items: [], total: 0 } });

      const bad = await send("GET", `${path}?page=0&pageSize=1000&from=2018-13-01&colour=red`, { token: adviser.token, headers: { "accept-language": "en" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.error.fieldErrors).sort()).toEqual(["colour", "from", "page", "pageSize"]);
    });

    it("answers 404 for another adviser's record, on every method, and changes nothing", async () => {
      for (const spec of KINDS) {
        const record = await makeRecord(a.actor, spec.kind);
        const path = `/api/v1/${spec.slug}/${record.id}`;
        const { id: _id, ...edit } = updateInput(spec, record);
        expect((await send("GET", path, { token: b.token })).status, spec.slug).toBe(404);
        expect((await send("PUT", path, { token: b.token, body: edit })).status, spec.slug).toBe(404);
        expect((await send("DELETE", `${path}?version=1`, { token: b.token })).status, spec.slug).toBe(404);
        expect((await send("GET", path, { token: a.token })).body, spec.slug).toMatchObject({ version: 1 });
        const placeField = spec.unitLevel === "scheme" ? "schemeId" : "unitId";
        const { idempotencyKey: _k, ...into } = recordInput(spec, await placementFor(a.actor, spec));
        const refused = await send("POST", `/api/v1/${spec.slug}`, { token: b.token, body: into, headers: { "idempotency-key": newKey() } });
        expect(refused.status, spec.slug).toBe(422);
        expect(Object.keys(refused.body.error.fieldErrors), spec.slug).toEqual([placeField]);
      }
    });

    it("answers 422 naming every bad field, in the caller's language", async () => {
      const bad = { occurredOn: "yesterday", unitId: a.actor.contactPointIds[0], clientId: "x", channel: "pigeon", stage: "initial", adviceType: "recognition", extra: 1 };
      const de = await send("POST", SESSIONS, { token: a.token, body: bad, headers: { "idempotency-key": newKey() } });
      expect(de.status).toBe(422);
      expect(de.body).toEqual({
        error: {
          kind: "validation",
          fieldErrors: {
            occurredOn: ["Bitte ein gültiges Datum angeben."],
            clientId: ["Das ist keine gültige Kennung (UUID)."],
            channel: ["Bitte einen der angebotenen Werte wählen."],
            nextStep: ["Bitte einen der angebotenen Werte wählen."],
            extra: ["Unbekanntes Feld."],
          },
        },
      });
      const en = await send("POST", SESSIONS, { token: a.token, body: bad, headers: { "idempotency-key": newKey(), "accept-language": "en-GB,en;q=0.8" } });
      expect(en.body.error.fieldErrors).toMatchObject({ occurredOn: ["Please enter a valid date."], extra: ["Unknown field."] });
      const cookieLocale = await send("POST", SESSIONS, { token: a.token, body: bad, headers: { "idempotency-key": newKey(), cookie: "lotse-locale=en" } });
      expect(cookieLocale.body.error.fieldErrors.channel).toEqual(["Please choose one of the offered values."]);

      for (const raw of ["{", "[]", "42", '"text"', "null"]) {
        const notAnObject = await send("POST", SESSIONS, { token: a.token, body: raw });
        expect(notAnObject.status, raw).toBe(422);
        expect(notAnObject.body, raw).toEqual({ error: { kind: "validation", fieldErrors: { _body: [expect.any(String)] } } });
      }
    });

    it("honours the Idempotency-Key header: repeats, even 20 at once, make one record and name it", async () => {
      const adviser = await apiAdviser([orgA.contactPoints[0].id]);
      const { idempotencyKey: _k, ...body } = recordInput(KINDS[0], await placementFor(adviser.actor, KINDS[0]));
      const key = newKey();
      const answers = await Promise.all(Array.from({ length: 20 }, () => send("POST", SESSIONS, { token: adviser.token, body, headers: { "idempotency-key": key } })));
      expect(answers.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      const again = await send("POST", SESSIONS, { token: adviser.token, body, headers: { "idempotency-key": key } });
      expect(again.body.id).toBe(answers[0].body.id);

      const db = await getDb();
      const [{ n }] = await db.select({ n: count() }).from(records).where(and(eq(records.createdBy, adviser.actor.userId), eq(records.kind, "advice_session")));
      expect(n).toBe(1);
      // A new key is a new record.
      const other = await send("POST", SESSIONS, { token: adviser.token, body, headers: { "idempotency-key": newKey() } });
      expect(other.status).toBe(201);
      expect(other.body.id).not.toBe(answers[0].body.id);
    });

    it("answers 404 for an unknown kind, on every method", async () => {
      const id = "00000000-0000-4000-8000-000000000000";
      for (const [method, path] of [
        ["GET", "/api/v1/sessions"],
        ["POST", "/api/v1/sessions"],
        ["GET", `/api/v1/advice_session/${id}`],
        ["PUT", `/api/v1/advice_session/${id}`],
        ["DELETE", `/api/v1/constructor/${id}?version=1`],
      ]) {
        const answer = await send(method, path, { token: a.token, body: method === "POST" || method === "PUT" ? { occurredOn: "2019-01-01" } : undefined });
        expect(answer, `${method} ${path}`).toMatchObject({ status: 404, body: { error: { kind: "not_found" } } });
      }
    });
  });

  describe("clients", () => {
    it("creates (201), finds, reads (200) and updates (200 / 409) a client; another adviser gets 404", async () => {
      const { idempotencyKey: _k, ...body } = clientInput(a.actor.contactPointIds[0], { fullName: "Jana Nowak", consentGivenOn: "2019-01-10", consentPurposeId: TEST_CONSENT_PURPOSE.id });
      const key = newKey();
      const created = await send("POST", "/api/v1/clients", { token: a.token, body, headers: { "idempotency-key": key } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ fullName: "Jana Nowak", version: 1, ref: expect.stringMatching(/^K-/) });
      const id = created.body.id as string;
      const repeated = await send("POST", "/api/v1/clients", { token: a.token, body, headers: { "idempotency-key": key } });
      expect(repeated.body.id).toBe(id);

      const found = await send("GET", `/api/v1/clients?q=${encodeURIComponent(created.body.ref)}`, { token: a.token });
      expect(found).toMatchObject({ status: 200, body: { total: 1, items: [{ id }] } });
      const read = await send("GET", `/api/v1/clients/${id}`, { token: a.token });
      expect(read).toMatchObject({ status: 200, body: { client: { id, fullName: "Jana Nowak" }, activeConsent: { purposeId: TEST_CONSENT_PURPOSE.id, purposeDe: TEST_CONSENT_PURPOSE.nameDe, textVersion: TEST_CONSENT_PURPOSE.textVersion } } });

      const { id: _id, ...full } = fullClientUpdate(created.body, { birthYear: 1991 });
      const updated = await send("PUT", `/api/v1/clients/${id}`, { token: a.token, body: full });
      expect(updated).toMatchObject({ status: 200, body: { id, version: 2, birthYear: 1991, fullName: "Jana Nowak" } });
      const stale = await send("PUT", `/api/v1/clients/${id}`, { token: a.token, body: { ...full, gender: "male" } });
      expect(stale).toMatchObject({ status: 409, body: { error: { kind: "conflict", current: { id, version: 2, gender: "female" } } } });

      expect((await send("GET", `/api/v1/clients/${id}`, { token: b.token })).status).toBe(404);
      expect((await send("PUT", `/api/v1/clients/${id}`, { token: b.token, body: { ...full, version: 2 } })).status).toBe(404);
      expect((await send("PATCH", `/api/v1/clients/${id}`, { token: b.token, body: { version: 2, gender: "male" } })).status).toBe(404);
      expect((await send("GET", `/api/v1/clients?q=${created.body.ref}`, { token: b.token })).body).toMatchObject({ items: [], total: 0 });
      const intoTheirs = await send("POST", "/api/v1/clients", { token: b.token, body: clientInput(a.actor.contactPointIds[0]) });
      expect(intoTheirs).toMatchObject({ status: 422, body: { error: { fieldErrors: { contactPointId: [expect.any(String)] } } } });
    });

    it("refuses personal data without consent with 422 naming consentGivenOn", async () => {
      const answer = await send("POST", "/api/v1/clients", { token: a.token, body: clientInput(a.actor.contactPointIds[0], { email: "x@test.example" }), headers: { "accept-language": "en" } });
      expect(answer).toMatchObject({ status: 422, body: { error: { fieldErrors: { consentGivenOn: ["Personal data only with a recorded consent."] } } } });
    });
  });

  describe("OpenAPI document", () => {
    it("is public, OpenAPI 3.1, and describes every endpoint the handlers serve", async () => {
      const { GET } = await import("@/app/api/v1/openapi.json/route");
      const response = GET(new Request(`${ORIGIN}/api/v1/openapi.json`));
      expect(response.status).toBe(200);
      const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toMatch(/^3\.1\./);
      const expected: Record<string, string[]> = { "/api/v1/clients": ["get", "post"], "/api/v1/clients/{id}": ["get", "put", "patch"] };
      for (const spec of KINDS) {
        expected[`/api/v1/${spec.slug}`] = ["get", "post"];
        expected[`/api/v1/${spec.slug}/{id}`] = ["get", "put", "patch", "delete"];
      }
      for (const path of ["/api/v1/me", "/api/v1/org-units", "/api/v1/occupations", "/api/v1/countries"]) expected[path] = ["get"];
      for (const [path, methods] of Object.entries(expected)) {
        expect(Object.keys(document.paths[path] ?? {}), path).toEqual(expect.arrayContaining(methods));
      }
    });
  });
});
