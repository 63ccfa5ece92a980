import { beforeAll, describe, expect, it } from "vitest";
import { FIGURE_ORDER } from "@/lib/figures/definitions";
import { send, sessionSecret, tokenFor } from "../helpers/api";
import { makeActor, makeClient, makeOrg, makeRecord } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;
const YEAR = "from=2019-01-01&to=2019-12-31";
const INITIAL = "figure=advice.initialSessions";

describe("a figure down the org tree", () => {
  let own: Org;
  let other: Org;
  let network: string;
  let regional: string;

  beforeAll(async () => {
    sessionSecret();
    own = await makeOrg();
    other = await makeOrg();
    const adviser = await makeActor("adviser", { unitIds: [own.subproject.id] });
    // Five initial sessions at the first contact point, four at the second, one follow-up there.
    for (const [unit, sessions] of [[own.contactPoints[0].id, 5], [own.contactPoints[1].id, 4]] as const) {
      for (let i = 0; i < sessions; i++) {
        const client = await makeClient(adviser, { contactPointId: unit });
        await makeRecord(adviser, "advice_session", { place: { unitId: unit, clientId: client.id }, data: { occurredOn: `2019-0${(i % 9) + 1}-10` } });
      }
    }
    const client = await makeClient(adviser, { contactPointId: own.contactPoints[1].id });
    await makeRecord(adviser, "advice_session", { place: { unitId: own.contactPoints[1].id, clientId: client.id }, data: { stage: "follow_up", occurredOn: "2019-03-03" } });
    network = (await tokenFor((await makeActor("network_coordinator")).userId)).token;
    regional = (await tokenFor((await makeActor("regional_coordinator", { regionId: own.region.id })).userId)).token;
  });

  const drill = (query: string, token = network) => send("GET", `/api/v1/figures/drilldown?${YEAR}&${query}`, { token });

  it("goes from the network to its regions, a region's subprojects and a subproject's contact points, each adding up to its parent", async () => {
    const top = await drill(INITIAL);
    expect(top.status).toBe(200);
    expect(top.body.scope.level).toBe("network");
    const mine = top.body.rows.find((r: { id: string }) => r.id === own.region.id);
    expect(mine).toMatchObject({ level: "region", hasChildren: true });
    // Other tests' regions share the network: one of their small cells may take this one as its complement.
    expect([{ value: 9 }, { value: null, suppressed: true }]).toContainEqual(mine.cell);
    expect(top.body.rows.find((r: { id: string }) => r.id === other.region.id)).toMatchObject({ cell: { value: 0 } });

    const region = await drill(`${INITIAL}&scope=${own.region.id}`);
    expect(region.body.rows).toEqual([{ id: own.subproject.id, level: "subproject", name: own.subproject.name, cell: { value: 9 }, hasChildren: true }]);
    expect(region.body.total).toEqual({ value: 9 });

    const subproject = await drill(`${INITIAL}&scope=${own.subproject.id}`);
    expect(subproject.body.path).toEqual([{ id: own.region.id, name: own.region.name }]);
    const values = Object.fromEntries(subproject.body.rows.map((r: { id: string; cell: { value: number } }) => [r.id, r.cell.value]));
    expect(values).toEqual({ [own.contactPoints[0].id]: 5, [own.contactPoints[1].id]: 4 });
    expect(subproject.body.total).toEqual({ value: 9 });

    const point = await drill(`${INITIAL}&scope=${own.contactPoints[0].id}`);
    expect(point.body).toMatchObject({ rows: [], total: { value: 5 } });
  });

  it("withholds a 1 or 2 below the network", async () => {
    const followUps = await drill(`figure=advice.followUpSessions&scope=${own.subproject.id}`);
    expect(followUps.status).toBe(200);
    const second = followUps.body.rows.find((r: { id: string }) => r.id === own.contactPoints[1].id);
    expect(second.cell).toEqual({ value: null, suppressed: true });
    expect(followUps.body.total).toEqual({ value: null, suppressed: true });
  });

  it("keeps a regional coordinator within their region", async () => {
    const start = await drill(INITIAL, regional);
    expect(start.body.scope).toMatchObject({ level: "region", id: own.region.id });
    expect((await drill(`${INITIAL}&scope=network`, regional)).status).toBe(403);
    expect((await drill(`${INITIAL}&scope=${other.region.id}`, regional)).status).toBe(403);
    const mine = await drill(`${INITIAL}&scope=${own.region.id}`, regional);
    expect(mine.status).toBe(200);
    expect(mine.body.rows).toHaveLength(1);
  });

  it("takes whole months only below the network, as the breakdowns do", async () => {
    const days = await send("GET", `/api/v1/figures/drilldown?from=2019-03-02&to=2019-03-30&${INITIAL}&scope=${own.subproject.id}`, { token: network });
    expect(days.status).toBe(422);
    expect(JSON.stringify(days.body)).toContain("from");
    expect(JSON.stringify(days.body)).toContain("to");
    const months = await send("GET", `/api/v1/figures/drilldown?from=2019-03-01&to=2019-03-31&${INITIAL}&scope=${own.subproject.id}`, { token: network });
    expect(months.status).toBe(200);
  });

  it("names a figure it cannot drill into", async () => {
    for (const figure of ["advice.nothing", "jobTraining.shareByFormat.course", "contactPoints.total"]) {
      const answer = await drill(`figure=${figure}`);
      expect(answer.status, figure).toBe(422);
      expect(JSON.stringify(answer.body), figure).toContain("figure");
    }
  });
});

describe("the figures report in JSON", () => {
  it("names each figure's source and reference date", async () => {
    const token = (await tokenFor((await makeActor("network_coordinator")).userId)).token;
    const answer = await send("GET", `/api/v1/figures?${YEAR}&asOf=2020-01-07&completersAsOf=2020-02-20`, { token });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body.provenance)).toEqual(FIGURE_ORDER);
    expect(answer.body.provenance["advice.initialSessions"]).toEqual({ source: "records", asOf: "2020-01-07" });
    expect(answer.body.provenance["jobTraining.successfulCompleters"]).toEqual({ source: "records", asOf: "2020-02-20" });
    expect(answer.body.provenance["contactPoints.total"]).toEqual({ source: "orgTree", asOf: "2019-12-31" });
    expect(answer.body.provenance["targets.initialSessions"]).toEqual({ source: "targets", asOf: "2020-01-07" });
  });
});
