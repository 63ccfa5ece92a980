import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, orgUnits } from "@/db/schema";
import { withdrawConsent } from "@/lib/clients/commands";
import { createOccupation } from "@/lib/occupations";
import { execute } from "@/lib/operation";
import { kindSpec } from "@/lib/records/kinds";
import { apiAdviser, send, sessionSecret, tokenFor } from "../helpers/api";
import {
  clientInput,
  fullClientUpdate,
  makeActor,
  makeOrg,
  makeRecord,
  newKey,
  PERSONAL_WITH_CONSENT,
  placementFor,
  readingAllClients,
  recordInput,
  tableCounts,
  updateInput,
} from "../helpers/factories";

/**
 * Issue 14, API completeness: full updates that refuse a missing field instead of resetting it,
 * partial updates, a replayed create answering as the first did, and the directory endpoints
 * (me, org units, occupations, countries), each with the caller's scope.
 */

type Org = Awaited<ReturnType<typeof makeOrg>>;
type Caller = Awaited<ReturnType<typeof apiAdviser>>;

const SCHEMES = "/api/v1/job-training-schemes";

describe("API completeness", () => {
  let orgA: Org;
  let orgB: Org;
  let a: Caller;

  beforeAll(async () => {
    sessionSecret();
    orgA = await makeOrg();
    orgB = await makeOrg();
    a = await apiAdviser([orgA.contactPoints[0].id]);
  });

  async function newClient(overrides: Record<string, unknown> = {}) {
    const created = await send("POST", "/api/v1/clients", { token: a.token, body: clientInput(a.actor.contactPointIds[0], { ...PERSONAL_WITH_CONSENT, ...overrides }) });
    expect(created.status).toBe(201);
    return created.body as Record<string, any> & { id: string; version: number };
  }

  describe("PUT names every field", () => {
    it("a client update without a statistical field is a 422 naming it, and nothing is reset", async () => {
      const client = await newClient();
      const { id: _id, citizenship: _left, germanLevel: _out, ...body } = fullClientUpdate(client as never, { gender: "male" });
      const answer = await send("PUT", `/api/v1/clients/${client.id}`, { token: a.token, body, headers: { "accept-language": "en" } });
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.body.error.fieldErrors).sort()).toEqual(["citizenship", "germanLevel"]);
      expect(answer.body.error.fieldErrors.citizenship[0]).toMatch(/full update \(PUT\) names every field/);
      const de = await send("PUT", `/api/v1/clients/${client.id}`, { token: a.token, body, headers: { "accept-language": "de" } });
      expect(de.body.error.fieldErrors.citizenship[0]).toMatch(/Dieses Feld fehlt/);
      const [stored] = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.id, client.id)));
      expect(stored).toMatchObject({ version: 1, gender: "female", citizenship: "SY", germanLevel: "B1", fullName: PERSONAL_WITH_CONSENT.fullName });
    });

    it("null empties a field by name", async () => {
      const client = await newClient();
      const { id: _id, ...body } = fullClientUpdate(client as never, { citizenship: null, notes: null });
      const answer = await send("PUT", `/api/v1/clients/${client.id}`, { token: a.token, body });
      expect(answer).toMatchObject({ status: 200, body: { version: 2, citizenship: null, notes: null, germanLevel: "B1", phone: PERSONAL_WITH_CONSENT.phone } });
    });

    it("a record update without an optional field is a 422 naming it, and nothing is reset", async () => {
      const scheme = await makeRecord(a.actor, "job_training_scheme");
      const { id: _id, plannedEndOn: _left, regulatedProfession: _out, ...body } = updateInput(kindSpec("job_training_scheme"), scheme, { title: "Neu" });
      const answer = await send("PUT", `${SCHEMES}/${scheme.id}`, { token: a.token, body, headers: { "accept-language": "en" } });
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.body.error.fieldErrors).sort()).toEqual(["plannedEndOn", "regulatedProfession"]);
      const read = await send("GET", `${SCHEMES}/${scheme.id}`, { token: a.token });
      expect(read.body).toMatchObject({ version: 1, title: "Anpassungslehrgang Pflege", plannedEndOn: "2019-12-31", regulatedProfession: true });
    });
  });

  describe("PATCH changes only what it names", () => {
    it("a client: the fields sent change, the others stay; a stale version is a 409; the version is required", async () => {
      const client = await newClient();
      const path = `/api/v1/clients/${client.id}`;
      const patched = await send("PATCH", path, { token: a.token, body: { version: 1, germanLevel: "C1", citizenship: null } });
      expect(patched).toMatchObject({
        status: 200,
        body: { version: 2, germanLevel: "C1", citizenship: null, gender: "female", birthYear: 1988, qualificationCountry: "SY", regulatedProfession: true, fullName: PERSONAL_WITH_CONSENT.fullName },
      });
      const stale = await send("PATCH", path, { token: a.token, body: { version: 1, germanLevel: "A1" } });
      expect(stale).toMatchObject({ status: 409, body: { error: { kind: "conflict", current: { version: 2, germanLevel: "C1" } } } });
      const versionless = await send("PATCH", path, { token: a.token, body: { germanLevel: "A1" } });
      expect(versionless.status).toBe(422);
      expect(Object.keys(versionless.body.error.fieldErrors)).toEqual(["version"]);
      const unknown = await send("PATCH", path, { token: a.token, body: { version: 2, shoeSize: 44 } });
      expect(unknown.status).toBe(422);
      expect(Object.keys(unknown.body.error.fieldErrors)).toEqual(["shoeSize"]);
    });

    it("a client: a field sent is checked as in a full update, and the rules across fields on the merged client", async () => {
      const client = await newClient();
      const path = `/api/v1/clients/${client.id}`;
      const bad = await send("PATCH", path, { token: a.token, body: { version: 1, gender: "robot" }, headers: { "accept-language": "en" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.error.fieldErrors)).toEqual(["gender"]);
      // Arrived before the stored year of birth (1988): only the merged client shows it.
      const early = await send("PATCH", path, { token: a.token, body: { version: 1, inGermanySince: 1980 }, headers: { "accept-language": "en" } });
      expect(early.status).toBe(422);
      expect(Object.keys(early.body.error.fieldErrors)).toEqual(["inGermanySince"]);
      const before = await tableCounts();
      expect((await send("PATCH", path, { token: a.token, body: { version: 1, birthYear: 2999 } })).status).toBe(422);
      expect(await tableCounts()).toEqual(before);
    });

    it("a record: the fields sent change; the kind's rules hold on the merged record", async () => {
      const spec = kindSpec("enrolment");
      const enrolment = await makeRecord(a.actor, "enrolment");
      const path = `/api/v1/enrolments/${enrolment.id}`;
      const ended = await send("PATCH", path, { token: a.token, body: { version: 1, endOn: "2019-09-30" } });
      expect(ended).toMatchObject({ status: 200, body: { version: 2, endOn: "2019-09-30", outcome: "ongoing", occurredOn: enrolment.occurredOn, clientId: enrolment.clientId } });
      // Successful needs an achievement and an outcome date: named although neither was sent.
      const half = await send("PATCH", path, { token: a.token, body: { version: 2, outcome: "successful" }, headers: { "accept-language": "en" } });
      expect(half.status).toBe(422);
      expect(Object.keys(half.body.error.fieldErrors).sort()).toEqual(["achievement", "outcomeOn"]);
      const done = await send("PATCH", path, { token: a.token, body: { version: 2, outcome: "successful", achievement: "full_equivalence", outcomeOn: "2019-10-01" } });
      expect(done).toMatchObject({ status: 200, body: { version: 3, outcome: "successful", endOn: "2019-09-30" } });
      const read = await send("GET", path, { token: a.token });
      expect(updateInput(spec, read.body)).toMatchObject({ version: 3, achievement: "full_equivalence", outcomeOn: "2019-10-01", endOn: "2019-09-30", outcome: "successful" });
    });

    it("another adviser's client or record is not found", async () => {
      const b = await apiAdviser([orgB.contactPoints[0].id]);
      const client = await newClient();
      const record = await makeRecord(a.actor, "advice_session");
      expect((await send("PATCH", `/api/v1/clients/${client.id}`, { token: b.token, body: { version: 1, gender: "male" } })).status).toBe(404);
      expect((await send("PATCH", `/api/v1/advice-sessions/${record.id}`, { token: b.token, body: { version: 1, stage: "follow_up" } })).status).toBe(404);
    });
  });

  describe("a replayed create", () => {
    it("answers the first answer's status and body again, with Idempotent-Replayed: true", async () => {
      const { idempotencyKey: _k, ...body } = recordInput(kindSpec("advice_session"), await placementFor(a.actor, kindSpec("advice_session")));
      const key = newKey();
      const first = await send("POST", "/api/v1/advice-sessions", { token: a.token, body, headers: { "idempotency-key": key } });
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      // Changed since: the replay still answers what the create answered.
      const { id: _id, ...edit } = updateInput(kindSpec("advice_session"), first.body, { stage: "follow_up" });
      expect((await send("PUT", `/api/v1/advice-sessions/${first.body.id}`, { token: a.token, body: edit })).status).toBe(200);
      const again = await send("POST", "/api/v1/advice-sessions", { token: a.token, body: { nextStep: body.nextStep, ...body }, headers: { "idempotency-key": key } });
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual(first.body);
    });

    it("a client's too, until its personal data is erased", async () => {
      const { idempotencyKey: _k, ...body } = clientInput(a.actor.contactPointIds[0], PERSONAL_WITH_CONSENT);
      const key = newKey();
      const first = await send("POST", "/api/v1/clients", { token: a.token, body, headers: { "idempotency-key": key } });
      const again = await send("POST", "/api/v1/clients", { token: a.token, body, headers: { "idempotency-key": key } });
      expect(again).toMatchObject({ status: 201, body: first.body });
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(await execute(withdrawConsent, a.actor, { clientId: first.body.id })).toMatchObject({ ok: true });
      const erased = await send("POST", "/api/v1/clients", { token: a.token, body, headers: { "idempotency-key": key } });
      expect(erased).toMatchObject({ status: 201, body: { id: first.body.id, fullName: null, phone: null, email: null, notes: null } });
      expect(erased.headers.get("idempotent-replayed")).toBe("true");
    });

    it("with another body under the same key is a 422 naming the key, and writes nothing", async () => {
      const body = clientInput(a.actor.contactPointIds[0]);
      const first = await send("POST", "/api/v1/clients", { token: a.token, body });
      expect(first.status).toBe(201);
      const before = await tableCounts();
      const other = await send("POST", "/api/v1/clients", { token: a.token, body: { ...body, birthYear: 1970 }, headers: { "accept-language": "en" } });
      expect(other.status).toBe(422);
      expect(other.body.error.fieldErrors).toEqual({ idempotencyKey: [expect.stringMatching(/other values/)] });
      expect(other.headers.get("idempotent-replayed")).toBeNull();
      expect(await tableCounts()).toEqual(before);
      // The same values in another order and spelling ("1988" for 1988, " SY" for "SY") are the same request.
      const respelled = { ...body, birthYear: "1988", qualificationCountry: " sy" };
      const same = await send("POST", "/api/v1/clients", { token: a.token, body: respelled });
      expect(same).toMatchObject({ status: 201, body: { id: first.body.id } });
      expect(same.headers.get("idempotent-replayed")).toBe("true");
    });
  });

  describe("the directory", () => {
    it("GET /api/v1/me: the user, role and units of each kind of caller; 401 without one", async () => {
      const me = await send("GET", "/api/v1/me", { token: a.token });
      expect(me).toMatchObject({ status: 200, body: { user: { id: a.actor.userId, email: a.actor.email }, role: "adviser", scope: "units" } });
      const units = me.body.units as { id: string; level: string; assigned: boolean }[];
      expect(units.filter((u) => u.assigned).map((u) => u.id)).toEqual([orgA.contactPoints[0].id]);
      expect(units.map((u) => u.id).sort()).toEqual([orgA.contactPoints[0].id, orgA.subproject.id].sort());

      const regional = await makeActor("regional_coordinator", { regionId: orgB.region.id });
      const theirs = await send("GET", "/api/v1/me", { token: (await tokenFor(regional.userId)).token });
      expect(theirs).toMatchObject({ status: 200, body: { role: "regional_coordinator", scope: "region", regionId: orgB.region.id, units: [{ id: orgB.region.id, level: "region" }] } });
      const network = await makeActor("network_coordinator");
      expect((await send("GET", "/api/v1/me", { token: (await tokenFor(network.userId)).token })).body).toMatchObject({ role: "network_coordinator", scope: "network", units: [] });
      expect((await send("GET", "/api/v1/me")).status).toBe(401);
    });

    it("GET /api/v1/org-units: what the caller may see, a page at a time", async () => {
      const ids = async (token: string, query = "") => {
        const answer = await send("GET", `/api/v1/org-units?pageSize=200${query}`, { token });
        expect(answer.status).toBe(200);
        return (answer.body.items as { id: string }[]).map((u) => u.id);
      };
      const adviserSees = await ids(a.token);
      expect(adviserSees.sort()).toEqual([orgA.contactPoints[0].id, orgA.subproject.id].sort());

      const regional = await makeActor("regional_coordinator", { regionId: orgA.region.id });
      const regionToken = (await tokenFor(regional.userId)).token;
      const regionSees = await ids(regionToken);
      expect(regionSees).toEqual(expect.arrayContaining([orgA.region.id, orgA.subproject.id, ...orgA.contactPoints.map((c) => c.id)]));
      expect(regionSees).not.toContain(orgB.region.id);
      expect(regionSees).not.toContain(orgB.contactPoints[0].id);
      expect(regionSees).not.toContain(orgA.network.id);

      const network = await makeActor("network_coordinator");
      const networkToken = (await tokenFor(network.userId)).token;
      // Every unit (a count: the test database holds other files' units too, more than a page's 200).
      const [{ n }] = await (await getDb()).select({ n: count() }).from(orgUnits);
      expect((await send("GET", "/api/v1/org-units?pageSize=1", { token: networkToken })).body.total).toBe(n);
      expect(await ids(networkToken, `&parentId=${orgA.subproject.id}`)).toContain(orgA.contactPoints[0].id);
      expect(await ids(networkToken, `&parentId=${orgB.subproject.id}`)).toEqual(expect.arrayContaining(orgB.contactPoints.map((c) => c.id)));
      expect((await ids(networkToken, `&parentId=${orgB.subproject.id}`)).length).toBe(orgB.contactPoints.length);

      const page = await send("GET", `/api/v1/org-units?level=contact_point&pageSize=1&page=2`, { token: regionToken });
      expect(page).toMatchObject({ status: 200, body: { page: 2, pageSize: 1, total: orgA.contactPoints.length, items: [{ level: "contact_point" }] } });
      const bad = await send("GET", "/api/v1/org-units?level=planet&pageSize=0", { token: regionToken });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.error.fieldErrors).sort()).toEqual(["level", "pageSize"]);
    });

    it("GET /api/v1/occupations: a page of the catalogue, named in the request's language", async () => {
      const admin = await makeActor("admin");
      const mark = randomUUID().slice(0, 8);
      await execute(createOccupation, admin, { nameDe: `Pflegefachkraft ${mark}`, nameEn: `Nurse ${mark}`, kldbCode: "" });
      const de = await send("GET", `/api/v1/occupations?q=${mark}`, { token: a.token, headers: { "accept-language": "de" } });
      expect(de).toMatchObject({ status: 200, body: { total: 1, items: [{ name: `Pflegefachkraft ${mark}`, nameEn: `Nurse ${mark}`, active: true }] } });
      const en = await send("GET", `/api/v1/occupations?q=${mark}`, { token: a.token, headers: { "accept-language": "en" } });
      expect(en.body.items[0].name).toBe(`Nurse ${mark}`);
      const paged = await send("GET", "/api/v1/occupations?pageSize=1", { token: a.token });
      expect(paged.body).toMatchObject({ page: 1, pageSize: 1, items: [expect.any(Object)] });
      expect(paged.body.total).toBeGreaterThanOrEqual(1);
      const regional = await makeActor("regional_coordinator", { regionId: orgA.region.id });
      expect((await send("GET", "/api/v1/occupations", { token: (await tokenFor(regional.userId)).token })).status).toBe(403);
    });

    it("GET /api/v1/countries: the ISO codes with names in the request's language", async () => {
      const de = await send("GET", "/api/v1/countries", { token: a.token, headers: { "accept-language": "de" } });
      expect(de.status).toBe(200);
      expect(de.body.locale).toBe("de");
      expect(de.body.items.length).toBeGreaterThan(240);
      expect(de.body.items).toContainEqual({ code: "DE", name: "Deutschland" });
      const en = await send("GET", "/api/v1/countries?q=syr", { token: a.token, headers: { "accept-language": "en" } });
      expect(en.body).toEqual({ locale: "en", items: [{ code: "SY", name: expect.stringMatching(/Syria/) }] });
      expect((await send("GET", "/api/v1/countries")).status).toBe(401);
    });
  });
});
