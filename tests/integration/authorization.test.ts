// Over 300 lines: one input for every operation of the matrix (the list grows with the operations), then the checks that read them.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "@/lib/api/tokens";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission, ROLES } from "@/lib/auth/permissions";
import { createReminder } from "@/lib/clients/commands";
import { linkPerson } from "@/lib/clients/duplicates";
import { listTargets } from "@/lib/figures/targets";
import { publishEdition } from "@/lib/editions/operations";
import { createConsentPurpose } from "@/lib/consent-purposes";
import { createOccupation } from "@/lib/occupations";
import { execute, type AnyOperation, type OperationError } from "@/lib/operation";
import { OPERATIONS } from "@/lib/operation-catalogue";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS } from "@/lib/records/kinds";
import { ACTION_ROWS, EDITION, ENDPOINT_ROWS, EVERYONE, type ExpectedRefusal, OPERATION_ROWS, PAGE_ROWS, refusalOf, roleMayAtAll, type Who } from "../access-matrix";
import { clientInput, fullClientUpdate, makeActor, makeClient, makeOrg, makeRecord, PERSONAL_WITH_CONSENT, placementFor, recordInput, updateInput } from "../helpers/factories";

type Fixture = Awaited<ReturnType<typeof makeFixture>>;

async function makeFixture() {
  const own = await makeOrg();
  const other = await makeOrg();
  const actors: Record<Who, Actor | null> = {
    anonymous: null,
    adviserOwn: await makeActor("adviser", { unitIds: [own.contactPoints[0].id] }),
    adviserOther: await makeActor("adviser", { unitIds: [other.contactPoints[0].id] }),
    regionalOwn: await makeActor("regional_coordinator", { regionId: own.region.id }),
    regionalOther: await makeActor("regional_coordinator", { regionId: other.region.id }),
    network: await makeActor("network_coordinator"),
    admin: await makeActor("admin"),
  };
  const target = await makeActor("adviser", { unitIds: [own.contactPoints[1].id] });
  return { own, other, actors, target };
}

const unique = () => randomUUID().slice(0, 8);

const editionIds = new WeakMap<Fixture, Promise<string>>();
/** An edition of the own region, published once per fixture by the network coordinator. */
function editionOf(f: Fixture): Promise<string> {
  if (!editionIds.has(f)) {
    editionIds.set(
      f,
      execute(publishEdition, f.actors.network, { ...EDITION, scope: f.own.region.id }).then((r) => {
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value.id;
      }),
    );
  }
  return editionIds.get(f)!;
}

/**
 * How to call each operation: an input built afresh per call, so that each allowed cell can
 * succeed on its own. Who may is in tests/access-matrix.ts.
 */
type Input = (f: Fixture) => unknown; // the input, or a promise of it

const own = (f: Fixture) => f.actors.adviserOwn!;

/** A client of adviserOwn's with the same new name and birth year as one of the other contact point's (target's). */
async function duplicatePair(f: Fixture) {
  const same = { ...PERSONAL_WITH_CONSENT, fullName: `Dana Doppelt ${unique()}`, birthYear: 1985 };
  const mine = await makeClient(own(f), same);
  await makeClient(f.target, same);
  return { clientId: mine.id, contactPointId: f.own.contactPoints[1].id };
}

/** The inputs of one record kind's operations: all on adviserOwn's records and units. */
function recordInputs(): Record<string, Input> {
  const inputs: Record<string, Input> = {};
  for (const spec of KINDS) {
    const name = (verb: string) => `records.${spec.kind}.${verb}`;
    const existing = (f: Fixture) => makeRecord(own(f), spec.kind);
    inputs[name("create")] = async (f) => recordInput(spec, await placementFor(own(f), spec));
    inputs[name("update")] = async (f) => updateInput(spec, await existing(f), { occurredOn: "2019-06-03" });
    inputs[name("patch")] = async (f) => {
      const record = await existing(f);
      return { id: record.id, version: record.version, occurredOn: "2019-06-04" };
    };
    inputs[name("delete")] = async (f) => {
      const record = await existing(f);
      return { id: record.id, version: record.version };
    };
    inputs[name("get")] = async (f) => ({ id: (await existing(f)).id });
    inputs[name("history")] = async (f) => ({ id: (await existing(f)).id });
    inputs[name("list")] = () => ({});
  }
  return inputs;
}

/** A header row only: nothing to change, but the caller's contact point is checked. */
const outcomeFile = () => new File(["Scheme reference,Client reference,Outcome\r\n"], "outcomes.csv");
/** A one-client import file for the import operations. */
const importFile = () => new File([`Client reference,Gender\r\nA-${unique()},female\r\n`], "clients.csv");

const INPUTS: Record<string, Input> = {
  "imports.check": (f) => ({ contactPointId: f.own.contactPoints[0].id, file: importFile() }),
  "imports.run": (f) => ({ contactPointId: f.own.contactPoints[0].id, file: importFile() }),
  "imports.checkOutcomes": (f) => ({ contactPointId: f.own.contactPoints[0].id, source: "ESF", sourceOn: "2020-01-31", file: outcomeFile() }),
  "imports.runOutcomes": (f) => ({ contactPointId: f.own.contactPoints[0].id, source: "ESF", sourceOn: "2020-01-31", file: outcomeFile() }),
  "imports.list": () => ({}),
  "imports.template": () => ({ format: "csv", kind: "advice_session" }),
  "imports.export": (f) => ({ contactPointId: f.own.contactPoints[0].id, format: "xlsx" }),
  "org.listRegions": () => ({}),
  "org.getNetwork": () => ({}),
  "org.getUnit": (f) => ({ id: f.own.subproject.id }),
  "org.listContactPoints": () => ({}),
  "org.listSubprojects": () => ({}),
  "org.listAssignableUnits": () => ({}),
  "org.listMyUnits": () => ({}),
  "org.listVisibleUnits": () => ({}),
  "me.get": () => ({}),
  "countries.list": () => ({ q: "syr" }),
  "org.createUnit": (f) => ({ level: "contact_point", parentId: f.own.subproject.id, name: `Neu ${unique()}`, town: "Hof", kind: "mobile", activeFrom: "2020-01-01" }),
  "org.renameUnit": async () => {
    const fresh = await makeOrg();
    return { id: fresh.subproject.id, name: `Umbenannt ${unique()}`, version: fresh.subproject.version };
  },
  "org.closeUnit": async () => {
    const fresh = await makeOrg();
    return { id: fresh.contactPoints[0].id, activeUntil: "2020-06-30", version: fresh.contactPoints[0].version };
  },

  "users.list": () => ({}),
  "users.get": (f) => ({ id: f.target.userId }),
  "users.create": (f) => ({ email: `neu-${unique()}@test.example`, name: "Neu", password: "a long enough password", role: "adviser", unitIds: [f.own.contactPoints[0].id] }),
  "users.update": async (f) => {
    const user = await makeActor("adviser", { unitIds: [f.own.contactPoints[0].id] });
    return { id: user.userId, name: "Geändert", role: "adviser", unitIds: [f.own.contactPoints[1].id], version: 1 };
  },
  "users.setActive": async () => ({ id: (await makeActor("network_coordinator")).userId, active: false, version: 1 }),
  "users.setPassword": (f) => ({ id: f.target.userId, password: "another long password" }),
  "preferences.setLocale": () => ({ locale: "en" }),

  "clients.create": (f) => clientInput(f.own.contactPoints[0].id, PERSONAL_WITH_CONSENT),
  "clients.update": async (f) => ({ ...fullClientUpdate(await makeClient(own(f))), gender: "male", birthYear: 1990 }),
  "clients.patch": async (f) => ({ id: (await makeClient(own(f))).id, version: 1, gender: "male" }),
  "clients.withdrawConsent": async (f) => ({ clientId: (await makeClient(own(f), PERSONAL_WITH_CONSENT)).id }),
  "clients.get": async (f) => ({ id: (await makeClient(own(f))).id }),
  "clients.export": async (f) => ({ id: (await makeClient(own(f), PERSONAL_WITH_CONSENT)).id }),
  "clients.search": () => ({}),
  "clients.linkPerson": (f) => duplicatePair(f),
  "clients.unlinkPerson": async (f) => {
    const pair = await duplicatePair(f);
    await execute(linkPerson, own(f), pair);
    return pair;
  },
  "clients.duplicateCounts": () => ({}),
  "reminders.create": async (f) => ({ clientId: (await makeClient(own(f), PERSONAL_WITH_CONSENT)).id, dueOn: "2019-07-01", note: "Bescheid nachfragen" }),
  "reminders.complete": async (f) => {
    const client = await makeClient(own(f), PERSONAL_WITH_CONSENT);
    const reminder = await execute(createReminder, own(f), { clientId: client.id, dueOn: "2019-07-01", note: "Anrufen" });
    return { id: reminder.ok ? reminder.value.id : null };
  },
  "reminders.due": () => ({}),
  "records.advisers": () => ({}),

  "occupations.list": () => ({}),
  "occupations.search": () => ({ pageSize: "5" }),
  "occupations.create": () => ({ nameDe: `Beruf ${unique()}`, nameEn: `Occupation ${unique()}`, kldbCode: "81302" }),
  "occupations.update": async (f) => {
    const made = await execute(createOccupation, f.actors.admin, { nameDe: `Beruf ${unique()}`, nameEn: `Occupation ${unique()}`, kldbCode: "" });
    return { id: made.ok ? made.value.id : null, nameDe: `Geändert ${unique()}`, nameEn: `Changed ${unique()}`, kldbCode: "84114", active: false };
  },
  "consentPurposes.list": () => ({}),
  "consentPurposes.create": () => ({ nameDe: `Zweck ${unique()}`, nameEn: `Purpose ${unique()}`, textVersion: "EW-1" }),
  "consentPurposes.update": async (f) => {
    const made = await execute(createConsentPurpose, f.actors.admin, { nameDe: `Zweck ${unique()}`, nameEn: `Purpose ${unique()}`, textVersion: "EW-1" });
    return { id: made.ok ? made.value.id : null, nameDe: `Geändert ${unique()}`, nameEn: `Changed ${unique()}`, textVersion: "EW-2", active: false };
  },

  "tokens.create": (f) => ({ userId: f.target.userId, name: `Import ${unique()}` }),
  "tokens.list": () => ({}),
  "tokens.revoke": async (f) => {
    const made = await execute(createToken, f.actors.admin, { userId: f.target.userId, name: `Kurz ${unique()}` });
    return { id: made.ok ? made.value.id : null };
  },

  "figures.report": (f) => ({ from: "2019-01-01", to: "2019-12-31", scope: f.own.region.id }),
  "figures.breakdown": (f) => ({ from: "2019-01-01", to: "2019-12-31", scope: f.own.subproject.id, by: "gender" }),
  "figures.drilldown": (f) => ({ from: "2019-01-01", to: "2019-12-31", scope: f.own.region.id, figure: "advice.initialSessions" }),
  "figures.latestYear": () => ({}),

  "editions.publish": () => EDITION,
  "editions.list": () => ({}),
  "editions.get": async (f) => ({ id: await editionOf(f) }),
  "editions.files": async (f) => ({ id: await editionOf(f) }),

  "targets.list": () => ({}),
  "targets.save": async (f) => {
    const current = await execute(listTargets, f.actors.admin, {});
    const version = current.ok ? current.value[0].version : 0;
    return { key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 200_000, version };
  },
  "audit.search": () => ({ action: "clients." }),
  "audit.refusals": () => ({}),

  ...recordInputs(),
};

function describeRefusal(refusal: ExpectedRefusal): string {
  return refusal.kind === "validation" ? `refused (422 ${refusal.field})` : `refused (${refusal.kind})`;
}

describe("authorization matrix: every operation as every kind of user", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });

  it("has a row and an input for every operation, and none for one that does not exist", () => {
    const names = OPERATIONS.map((op) => op.name).sort();
    expect(Object.keys(OPERATION_ROWS).sort()).toEqual(names);
    expect(Object.keys(INPUTS).sort()).toEqual(names);
  });

  it("allows some user of a role an operation exactly when the role holds its permission", () => {
    for (const op of OPERATIONS) {
      for (const role of ROLES) {
        const permitted = op.access === "public" || hasPermission({ role } as Actor, op.access);
        expect(roleMayAtAll(op.name, role), `${op.name} for ${role}`).toBe(permitted);
      }
    }
  });

  for (const op of OPERATIONS) {
    for (const who of EVERYONE) {
      const allowed = OPERATION_ROWS[op.name]?.allowed.includes(who) ?? false;
      const refusal = refusalOf(op.name, who);
      it(`${op.name} as ${who}: ${allowed ? "allowed" : describeRefusal(refusal)}`, async () => {
        const input = await INPUTS[op.name](f);
        const result = await execute(op, f.actors[who], input);
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
          return;
        }
        const error: OperationError | undefined = result.ok ? undefined : result.error;
        expect(error?.kind).toBe(refusal.kind);
        if (refusal.kind === "validation" && error?.kind === "validation") expect(Object.keys(error.fieldErrors)).toEqual([refusal.field]);
      });
    }
  }

  it("an adviser's lists hold nothing of another contact point", async () => {
    for (const spec of KINDS) {
      const record = await makeRecord(f.actors.adviserOwn!, spec.kind);
      const theirs = await execute(RECORD_OPERATIONS[spec.kind].list, f.actors.adviserOther, { pageSize: 200 });
      const mine = await execute(RECORD_OPERATIONS[spec.kind].list, f.actors.adviserOwn, { unitId: record.unitId, pageSize: 200 });
      expect(theirs.ok && theirs.value.items.map((r) => r.id), spec.kind).not.toContain(record.id);
      expect(mine.ok && mine.value.items.map((r) => r.id), spec.kind).toContain(record.id);
      // Asking for the other unit by name gives nothing either.
      const pointed = await execute(RECORD_OPERATIONS[spec.kind].list, f.actors.adviserOther, { unitId: record.unitId });
      expect(pointed).toMatchObject({ ok: true, value: { items: [], total: 0 } });
    }
    const client = await makeClient(f.actors.adviserOwn!);
    const search = await execute(OPERATIONS.find((o) => o.name === "clients.search")!, f.actors.adviserOther, { q: client.ref });
    expect(search).toMatchObject({ ok: true, value: { items: [], total: 0 } });
  });

  it("scopes a regional coordinator's lists to their own region", async () => {
    const regions = await execute(OPERATIONS.find((o) => o.name === "org.listRegions")!, f.actors.regionalOther, {});
    expect(regions.ok && (regions.value as { id: string }[]).map((r) => r.id)).toEqual([f.other.region.id]);
    const points = await execute(OPERATIONS.find((o) => o.name === "org.listContactPoints")!, f.actors.regionalOwn, {});
    const ids = points.ok ? (points.value as { unit: { regionId: string } }[]).map((p) => p.unit.regionId) : [];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ids)).toEqual(new Set([f.own.region.id]));
  });
});

function filesUnder(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name), name) : name.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The URL path of a page or route file: its folders, without route groups. */
function routeOf(file: string): string {
  const segments = relative("app", file).split(sep).slice(0, -1).filter((s) => !s.startsWith("("));
  return `/${segments.join("/")}`;
}

const HTTP_METHODS = /\b(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

describe("the matrix has a row for every entry point", () => {
  it("every page file", () => {
    const pages = filesUnder("app", /^page\.tsx$/).map(routeOf);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.sort()).toEqual(Object.keys(PAGE_ROWS).sort());
  });

  it("every method of every route handler, and each names an operation of the matrix", () => {
    const endpoints = filesUnder("app", /^route\.ts$/).flatMap((file) => {
      const exported = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.startsWith("export "))
        .flatMap((line) => [...line.matchAll(HTTP_METHODS)].map((m) => m[1]));
      expect(exported.length, file).toBeGreaterThan(0);
      return exported.map((method) => `${method} ${routeOf(file)}`);
    });
    expect(endpoints.sort()).toEqual(Object.keys(ENDPOINT_ROWS).sort());
    for (const [endpoint, row] of Object.entries(ENDPOINT_ROWS)) {
      if ("operation" in row) expect(Object.keys(OPERATION_ROWS), endpoint).toContain(row.operation);
    }
  });

  it("every server action, which calls perform() with exactly the operations of its row", async () => {
    const files = filesUnder("app", /\.tsx?$/).filter((file) => readFileSync(file, "utf8").startsWith('"use server"'));
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const actions = [...source.matchAll(/export async function (\w+)\([^)]*\)\s*{([\s\S]*?)\n}/g)];
      expect(actions.length, file).toBeGreaterThan(0);
      // Any other export of a "use server" file would be a server action too.
      expect(source.match(/^export /gm)?.length, `${file}: only async functions may be exported`).toBe(actions.length);
      for (const [, name, body] of actions) {
        const key = `${relative(".", file)}#${name}`;
        found.push(key);
        const calls = [...body.matchAll(/perform\(([\w.]+),/g)].map((m) => m[1]);
        expect(calls.length, `${key} must call perform(operation, input)`).toBeGreaterThan(0);
        const ran: string[] = [];
        for (const call of calls) {
          const [root, member] = call.split(".");
          if (member) {
            // A record kind's operation, looked up in RECORD_OPERATIONS by a kind the action checked.
            expect(source, `${key} must take ${root} from RECORD_OPERATIONS`).toMatch(/import \{[^}]*\bRECORD_OPERATIONS\b[^}]*\} from "@\/lib\/records\/commands"/);
            ran.push(...KINDS.map((spec) => (RECORD_OPERATIONS[spec.kind] as Record<string, AnyOperation>)[member]?.name));
            continue;
          }
          const from = new RegExp(`import \\{[^}]*\\b${root}\\b[^}]*\\} from "@/(lib/[\\w/-]+)"`).exec(source);
          expect(from, `${key}: ${root} must be an operation from lib/`).not.toBeNull();
          const imported = (await import(resolve(from![1]))) as Record<string, AnyOperation>;
          ran.push(imported[root].name);
        }
        expect(ACTION_ROWS[key]?.operations, key).toEqual(ran);
      }
    }
    expect(found.sort()).toEqual(Object.keys(ACTION_ROWS).sort());
    for (const [action, row] of Object.entries(ACTION_ROWS)) expect(Object.keys(OPERATION_ROWS), action).toEqual(expect.arrayContaining(row.operations));
  });
});
