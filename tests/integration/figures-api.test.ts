import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { and, isNull, lte, max } from "drizzle-orm";
import { occupations, records } from "@/db/schema";
import { figuresLatestYear } from "@/lib/figures/years";
import { todayInBerlin } from "@/lib/validation";
import { BREAKDOWNS } from "@/lib/figures/counters";
import { listTargets, saveTarget } from "@/lib/figures/targets";
import { execute } from "@/lib/operation";
import { FIGURE_ORDER } from "@/lib/figures/definitions";
import published from "../fixtures/figures-2019.json";
import { send, sessionSecret, tokenFor } from "../helpers/api";
import { makeActor, makeClient, makeOrg, makeRecord, readingAllClients } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;
const YEAR = "from=2019-01-01&to=2019-12-31";

/** Every number in the figures or cells of an answer (not in dates or ids), with where it sits. */
function numbersIn(node: unknown, path = ""): [string, number][] {
  if (typeof node === "number") return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (node && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}

describe("figures API", () => {
  let own: Org;
  let other: Org;
  let regional: string;
  let network: string;

  beforeAll(async () => {
    sessionSecret();
    own = await makeOrg();
    other = await makeOrg();
    const adviser = await makeActor("adviser", { unitIds: [own.subproject.id] });
    // Small numbers on purpose: one initial session, a person seen twice, an event of two.
    const client = await makeClient(adviser, { contactPointId: own.contactPoints[0].id });
    const place = { unitId: own.contactPoints[0].id, clientId: client.id };
    await makeRecord(adviser, "advice_session", { place });
    await makeRecord(adviser, "fair_integration_session", { place });
    await makeRecord(adviser, "fair_integration_session", { place, data: { occurredOn: "2019-09-02" } });
    await makeRecord(adviser, "fair_integration_event", { place: { unitId: own.contactPoints[1].id }, data: { participants: 2 } });
    for (let i = 0; i < 3; i++) await makeRecord(adviser, "skilled_worker_activity", { place: { unitId: own.subproject.id }, data: { peopleReached: 1 } });
    regional = (await tokenFor((await makeActor("regional_coordinator", { regionId: own.region.id })).userId)).token;
    network = (await tokenFor((await makeActor("network_coordinator")).userId)).token;
  });

  it("answers every key of docs/figures.md for the network, with period, reference dates and scope", async () => {
    const answer = await send("GET", `/api/v1/figures?${YEAR}&asOf=2020-01-07&completersAsOf=2020-02-20`, { token: network });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.body).toMatchObject({ period: { from: "2019-01-01", to: "2019-12-31" }, asOf: "2020-01-07", completersAsOf: "2020-02-20", scope: { level: "network", id: null } });
    expect(Object.keys(answer.body.figures)).toEqual(FIGURE_ORDER);
    for (const key of Object.keys(published.figures).filter((k) => k !== "targets.initialSessions.target")) expect(answer.body.figures, key).toHaveProperty([key]);
  });

  it("gives a regional coordinator their own region, and 403 for the network or another region", async () => {
    const mine = await send("GET", `/api/v1/figures?${YEAR}`, { token: regional });
    expect(mine.status).toBe(200);
    expect(mine.body.scope).toMatchObject({ level: "region", id: own.region.id });
    expect((await send("GET", `/api/v1/figures?${YEAR}&scope=${own.contactPoints[0].id}`, { token: regional })).body.scope).toMatchObject({ level: "unit" });
    for (const scope of ["network", other.region.id, other.subproject.id, other.contactPoints[1].id]) {
      expect((await send("GET", `/api/v1/figures?${YEAR}&scope=${scope}`, { token: regional })).status, scope).toBe(403);
      expect((await send("GET", `/api/v1/figures/breakdown?${YEAR}&by=month&scope=${scope}`, { token: regional })).status, scope).toBe(403);
    }
    expect((await send("GET", `/api/v1/figures?${YEAR}&scope=${crypto.randomUUID()}`, { token: network })).status).toBe(404);
    expect((await send("GET", `/api/v1/figures?${YEAR}`)).status).toBe(401);
  });

  it("never shows a 1 or a 2 below the network, in the report or any breakdown", async () => {
    const scopes = [own.region.id, own.subproject.id, own.contactPoints[0].id, own.contactPoints[1].id];
    let withheld = 0;
    for (const scope of scopes) {
      const report = await send("GET", `/api/v1/figures?${YEAR}&scope=${scope}`, { token: regional });
      expect(report.status).toBe(200);
      for (const [where, value] of numbersIn(report.body.figures)) expect([1, 2], `${scope} ${where}`).not.toContain(value);
      for (const key of report.body.suppressed) expect(report.body.figures[key], key).toBeNull();
      withheld += report.body.suppressed.length;
      for (const by of BREAKDOWNS) {
        const breakdown = await send("GET", `/api/v1/figures/breakdown?${YEAR}&scope=${scope}&by=${by}`, { token: regional });
        expect(breakdown.status, by).toBe(200);
        for (const row of [...breakdown.body.rows, breakdown.body.total]) {
          for (const [key, cell] of Object.entries<{ value: number | null; suppressed?: boolean }>(row.cells)) {
            expect([1, 2], `${scope} ${by} ${row.group} ${key}`).not.toContain(cell.value);
            if (cell.value === null) {
              expect(cell.suppressed).toBe(true);
              withheld++;
            }
          }
        }
      }
    }
    // The data above has ones and twos to withhold: the check above looked at real cases.
    expect(withheld).toBeGreaterThan(20);
    const region = await send("GET", `/api/v1/figures?${YEAR}&scope=${own.region.id}`, { token: regional });
    expect(region.body.suppressed).toEqual(expect.arrayContaining(["advice.initialSessions", "fairIntegration.individualsAdvised", "fairIntegration.adviceSessions", "fairIntegration.groupEventParticipants"]));
    expect(region.body.figures["skilledWorkerNetworks.peopleReached"]).toBe(3);
  });

  it("breaks the network down by region with the regions side by side, network totals unsuppressed", async () => {
    const answer = await send("GET", `/api/v1/figures/breakdown?${YEAR}&by=region`, { token: network });
    expect(answer.status).toBe(200);
    const groups = answer.body.rows.map((r: { group: string }) => r.group);
    expect(groups).toEqual(expect.arrayContaining([own.region.id, other.region.id]));
    type Cell = { value: number | null; suppressed?: boolean };
    const rows = answer.body.rows as { group: string; cells: Record<string, Cell> }[];
    const mine = rows.find((r) => r.group === own.region.id)!;
    // 3, this file's three people, unless secondary suppression withheld it: the test database
    // holds other files' regions too, and a 1 or 2 of theirs in this column takes the smallest
    // value shown with it (which region that is depends on the order the files ran in).
    const reached = mine.cells["skilledWorkerNetworks.peopleReached"];
    if (reached.value === null) {
      expect(reached).toEqual({ value: null, suppressed: true });
      const column = rows.map((r) => r.cells["skilledWorkerNetworks.peopleReached"]);
      expect(column.filter((c) => c.value === null).length).toBeGreaterThanOrEqual(2);
      expect(column.every((c) => c.value === null || c.value >= 3)).toBe(true);
    } else {
      expect(reached).toEqual({ value: 3 });
    }
    expect(mine.cells["advice.initialSessions"]).toEqual({ value: null, suppressed: true });
    for (const cell of Object.values<{ value: number | null }>(answer.body.total.cells)) expect(cell.value).not.toBeNull();
    const months = await send("GET", `/api/v1/figures/breakdown?${YEAR}&by=month`, { token: network });
    expect(months.body.rows.map((r: { group: string }) => r.group)).toEqual(Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, "0")}`));
  });

  it("shows the network's target with the share reached and the share of the round elapsed; admins set it, stale edits get 409", async () => {
    const admin = await makeActor("admin");
    const current = await execute(listTargets, admin, {});
    const version = current.ok ? current.value[0].version : -1;
    const saved = await execute(saveTarget, admin, { key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 200_000, version });
    expect(saved).toMatchObject({ ok: true, value: { value: 200_000, version: version + 1 } });
    expect(await execute(saveTarget, admin, { key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 1, version })).toMatchObject({ ok: false, error: { kind: "conflict" } });
    expect(await execute(saveTarget, admin, { key: "initialSessions", fromOn: "2023-01-01", toOn: "2022-12-31", value: 5, version: version + 1 })).toMatchObject({
      ok: false,
      error: { kind: "validation", fieldErrors: { toOn: expect.any(Array) } },
    });

    const report = await send("GET", `/api/v1/figures?${YEAR}`, { token: network });
    const progress = report.body.figures["targets.initialSessions"];
    const since = await send("GET", "/api/v1/figures?from=2019-01-01&to=2019-12-31", { token: network });
    expect(progress).toMatchObject({ target: 200_000, from: "2019-01-01", to: "2022-12-31", reached: since.body.figures["advice.initialSessions"] });
    // 2019 is 365 of the round's 1,461 days.
    expect(progress.shareElapsed).toBe(25);
    expect(progress.shareReached).toBe(Math.round((1000 * progress.reached) / 200_000) / 10);
    // Below the network there is no network target.
    expect((await send("GET", `/api/v1/figures?${YEAR}&scope=${own.region.id}`, { token: regional })).body.figures["targets.initialSessions"]).toBeNull();
  });

  it("refuses bad parameters with 422 naming each field", async () => {
    const bad = await send("GET", "/api/v1/figures?from=2019-01-01&to=2019-13-01&asOf=yesterday&scope=everything", { token: network });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fieldErrors).sort()).toEqual(["asOf", "scope", "to"]);
    // Impossible dates and parameters the API does not take are named too, never replaced by a default.
    const impossible = await send("GET", "/api/v1/figures?from=2019-02-30&to=2019-12-31&asOf=2019-02-30&completersAsOf=2019-02-29T10:00:00Z&year=abc", { token: network });
    expect(impossible.status).toBe(422);
    expect(Object.keys(impossible.body.error.fieldErrors).sort()).toEqual(["asOf", "completersAsOf", "from", "year"]);
    const backwards = await send("GET", "/api/v1/figures?from=2019-12-31&to=2019-01-01", { token: network });
    expect(backwards).toMatchObject({ status: 422, body: { error: { fieldErrors: { to: ["Das Ende darf nicht vor dem Beginn liegen."] } } } });
    const by = await send("GET", `/api/v1/figures/breakdown?${YEAR}&by=planet`, { token: network });
    expect(by.status).toBe(422);
    expect(Object.keys(by.body.error.fieldErrors)).toEqual(["by"]);
    const exact = await send("GET", `/api/v1/figures?${YEAR}&asOf=2020-01-07T10:15:00%2B01:00`, { token: network });
    expect(exact).toMatchObject({ status: 200, body: { asOf: "2020-01-07T10:15:00+01:00" } });
  });

  it("ranks the top occupations with ties by German name in every language, withheld ones after the shown ones by name only, where they stay 3 wide", async () => {
    const org = await makeOrg();
    const adviser = await makeActor("adviser", { unitIds: [org.subproject.id] });
    const tag = randomUUID().slice(0, 8);
    const db = await getDb();
    // Initial sessions per occupation: two ties at 3 (German and English order differ), two withheld (2 and 1).
    const plan = [
      { nameDe: `Bäckerin ${tag}`, nameEn: `Baker ${tag}`, sessions: 3 },
      { nameDe: `Ärztin ${tag}`, nameEn: `Physician ${tag}`, sessions: 3 },
      { nameDe: `Zimmerin ${tag}`, nameEn: `Carpenter ${tag}`, sessions: 2 },
      { nameDe: `Dolmetscherin ${tag}`, nameEn: `Interpreter ${tag}`, sessions: 1 },
    ];
    for (const o of plan) {
      const [made] = await db.insert(occupations).values({ nameDe: o.nameDe, nameEn: o.nameEn }).returning();
      for (let i = 0; i < o.sessions; i++) {
        const client = await makeClient(adviser, { contactPointId: org.contactPoints[0].id, occupationId: made.id });
        await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: client.id } });
      }
    }
    // 9 initial sessions would leave the withheld two between 1 and 9 − 6 − 1 = 2: they would not be listed.
    const top = async () => (await send("GET", `/api/v1/figures?${YEAR}&scope=${org.region.id}`, { token: network })).body.figures["advice.topOccupations"];
    expect((await top()).map((o: { count: number | null }) => o.count)).toEqual([3, 3]);
    // Three more without an occupation: between 1 and 12 − 6 − 1 = 5, wide enough to list them.
    for (let i = 0; i < 3; i++) await makeRecord(adviser, "advice_session", { place: { unitId: org.contactPoints[0].id, clientId: (await makeClient(adviser, { contactPointId: org.contactPoints[0].id })).id } });
    expect((await top()).length).toBe(4);
    const answer = await send("GET", `/api/v1/figures?${YEAR}&scope=${org.region.id}`, { token: network, headers: { "accept-language": "en" } });
    expect(answer.status).toBe(200);
    expect(answer.body.figures["advice.topOccupations"].map((o: { name: string; count: number | null; suppressed?: boolean }) => [o.name, o.count, o.suppressed ?? false])).toEqual([
      [`Physician ${tag}`, 3, false],
      [`Baker ${tag}`, 3, false],
      [`Interpreter ${tag}`, null, true],
      [`Carpenter ${tag}`, null, true],
    ]);
    const german = await send("GET", `/api/v1/figures?${YEAR}&scope=${org.region.id}`, { token: network, headers: { "accept-language": "de" } });
    expect(german.body.figures["advice.topOccupations"].map((o: { name: string }) => o.name)).toEqual([`Ärztin ${tag}`, `Bäckerin ${tag}`, `Dolmetscherin ${tag}`, `Zimmerin ${tag}`]);
  });

  it("opens the pages on the latest year with records, whichever that is", async () => {
    const coordinator = await makeActor("network_coordinator");
    const today = todayInBerlin();
    const latestRecord = () =>
      readingAllClients(async (tx) => (await tx.select({ last: max(records.occurredOn) }).from(records).where(and(isNull(records.deletedAt), lte(records.occurredOn, today))))[0].last);
    // Whatever the other tests recorded: the year of the latest record there is.
    expect(await execute(figuresLatestYear, coordinator, {})).toEqual({ ok: true, value: Number((await latestRecord())!.slice(0, 4)) });
    const adviser = await makeActor("adviser", { unitIds: [own.subproject.id] });
    await makeRecord(adviser, "skilled_worker_activity", { place: { unitId: own.subproject.id }, data: { occurredOn: today } });
    expect(await execute(figuresLatestYear, coordinator, {})).toEqual({ ok: true, value: Number(today.slice(0, 4)) });
  });
});
