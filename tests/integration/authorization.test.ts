import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { createToken } from "@/lib/api/tokens";
import type { Actor } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";
import { createReminder } from "@/lib/clients/commands";
import { listTargets } from "@/lib/figures/targets";
import { createOccupation } from "@/lib/occupations";
import { execute, type AnyOperation, type OperationError } from "@/lib/operation";
import { OPERATIONS } from "@/lib/operations";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { KINDS } from "@/lib/records/kinds";
import { clientInput, makeActor, makeClient, makeOrg, makeRecord, PERSONAL_WITH_CONSENT, placementFor, recordInput, updateInput } from "../helpers/factories";

type Who = "anonymous" | "adviserOwn" | "adviserOther" | "regionalOwn" | "regionalOther" | "network" | "admin";
const EVERYONE: Who[] = ["anonymous", "adviserOwn", "adviserOther", "regionalOwn", "regionalOther", "network", "admin"];
const COORDINATORS_AND_ADMIN: Who[] = ["regionalOwn", "regionalOther", "network", "admin"];
const ADVISERS: Who[] = ["adviserOwn", "adviserOther"];
const ROLE_OF: Record<Who, Role | null> = {
  anonymous: null,
  adviserOwn: "adviser",
  adviserOther: "adviser",
  regionalOwn: "regional_coordinator",
  regionalOther: "regional_coordinator",
  network: "network_coordinator",
  admin: "admin",
};

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

/**
 * The expected cells: for each operation, who succeeds. Everyone else must be
 * refused (unauthenticated, forbidden or not found). Inputs are built afresh per
 * call so that each allowed cell can succeed on its own.
 */
/**
 * How a refused cell is refused when the role may do this kind of thing but not
 * here: "not found" for anything of another unit, or a field error naming the
 * unit / client / scheme a create pointed at.
 */
type Refusal = { kind: "not_found" } | { kind: "forbidden" } | { kind: "validation"; field: string };

interface Row {
  allowed: Who[];
  input: (f: Fixture) => Promise<unknown> | unknown;
  /** For a role with the permission but outside the unit; "not found" unless said otherwise. */
  outOfScope?: Refusal;
}

const own = (f: Fixture) => f.actors.adviserOwn!;

/** The rows of one record kind: everything an adviser does, only in their own units. */
function recordRows(): Record<string, Row> {
  const rows: Record<string, Row> = {};
  for (const spec of KINDS) {
    const name = (verb: string) => `records.${spec.kind}.${verb}`;
    const existing = (f: Fixture) => makeRecord(own(f), spec.kind);
    rows[name("create")] = {
      allowed: ["adviserOwn"],
      input: async (f) => recordInput(spec, await placementFor(own(f), spec)),
      outOfScope: { kind: "validation", field: spec.unitLevel === "scheme" ? "schemeId" : "unitId" },
    };
    rows[name("update")] = { allowed: ["adviserOwn"], input: async (f) => updateInput(spec, await existing(f), { occurredOn: "2019-06-03" }) };
    rows[name("delete")] = {
      allowed: ["adviserOwn"],
      input: async (f) => {
        const record = await existing(f);
        return { id: record.id, version: record.version };
      },
    };
    rows[name("get")] = { allowed: ["adviserOwn"], input: async (f) => ({ id: (await existing(f)).id }) };
    rows[name("history")] = { allowed: ["adviserOwn"], input: async (f) => ({ id: (await existing(f)).id }) };
    // Both advisers may list; each sees only their own units (checked below).
    rows[name("list")] = { allowed: ADVISERS, input: () => ({}) };
  }
  return rows;
}

const MATRIX: Record<string, Row> = {
  "org.listRegions": { allowed: COORDINATORS_AND_ADMIN, input: () => ({}) },
  "org.getNetwork": { allowed: COORDINATORS_AND_ADMIN, input: () => ({}) },
  "org.getUnit": { allowed: ["regionalOwn", "network", "admin"], input: (f) => ({ id: f.own.subproject.id }) },
  "org.listContactPoints": { allowed: COORDINATORS_AND_ADMIN, input: () => ({}) },
  "org.listAssignableUnits": { allowed: ["admin"], input: () => ({}) },
  "org.listMyUnits": { allowed: ["adviserOwn", "adviserOther"], input: () => ({}) },
  "org.createUnit": {
    allowed: ["admin"],
    input: (f) => ({ level: "contact_point", parentId: f.own.subproject.id, name: `Neu ${unique()}`, town: "Hof", kind: "mobile", activeFrom: "2020-01-01" }),
  },
  "org.renameUnit": {
    allowed: ["admin"],
    input: async () => {
      const fresh = await makeOrg();
      return { id: fresh.subproject.id, name: `Umbenannt ${unique()}`, version: fresh.subproject.version };
    },
  },
  "org.closeUnit": {
    allowed: ["admin"],
    input: async () => {
      const fresh = await makeOrg();
      return { id: fresh.contactPoints[0].id, activeUntil: "2020-06-30", version: fresh.contactPoints[0].version };
    },
  },
  "users.list": { allowed: ["admin"], input: () => ({}) },
  "users.get": { allowed: ["admin"], input: (f) => ({ id: f.target.userId }) },
  "users.create": {
    allowed: ["admin"],
    input: (f) => ({ email: `neu-${unique()}@test.example`, name: "Neu", password: "a long enough password", role: "adviser", unitIds: [f.own.contactPoints[0].id] }),
  },
  "users.update": {
    allowed: ["admin"],
    input: async (f) => {
      const user = await makeActor("adviser", { unitIds: [f.own.contactPoints[0].id] });
      return { id: user.userId, name: "Geändert", role: "adviser", unitIds: [f.own.contactPoints[1].id], version: 1 };
    },
  },
  "users.setActive": {
    allowed: ["admin"],
    input: async () => ({ id: (await makeActor("network_coordinator")).userId, active: false, version: 1 }),
  },
  "users.setPassword": { allowed: ["admin"], input: (f) => ({ id: f.target.userId, password: "another long password" }) },
  "preferences.setLocale": { allowed: EVERYONE, input: () => ({ locale: "en" }) },

  "clients.create": {
    allowed: ["adviserOwn"],
    input: (f) => clientInput(f.own.contactPoints[0].id, PERSONAL_WITH_CONSENT),
    outOfScope: { kind: "validation", field: "contactPointId" },
  },
  "clients.update": {
    allowed: ["adviserOwn"],
    input: async (f) => ({ id: (await makeClient(own(f))).id, version: 1, gender: "male", birthYear: 1990 }),
  },
  "clients.withdrawConsent": { allowed: ["adviserOwn"], input: async (f) => ({ clientId: (await makeClient(own(f), PERSONAL_WITH_CONSENT)).id }) },
  "clients.get": { allowed: ["adviserOwn"], input: async (f) => ({ id: (await makeClient(own(f))).id }) },
  "clients.export": { allowed: ["adviserOwn"], input: async (f) => ({ id: (await makeClient(own(f), PERSONAL_WITH_CONSENT)).id }) },
  "clients.search": { allowed: ADVISERS, input: () => ({}) },
  "reminders.create": {
    allowed: ["adviserOwn"],
    input: async (f) => ({ clientId: (await makeClient(own(f))).id, dueOn: "2019-07-01", note: "Bescheid nachfragen" }),
  },
  "reminders.complete": {
    allowed: ["adviserOwn"],
    input: async (f) => {
      const client = await makeClient(own(f));
      const reminder = await execute(createReminder, own(f), { clientId: client.id, dueOn: "2019-07-01", note: "Anrufen" });
      return { id: reminder.ok ? reminder.value.id : null };
    },
  },
  "reminders.due": { allowed: ADVISERS, input: () => ({}) },

  "occupations.list": { allowed: ["adviserOwn", "adviserOther", "admin"], input: () => ({}) },
  "occupations.create": { allowed: ["admin"], input: () => ({ nameDe: `Beruf ${unique()}`, nameEn: `Occupation ${unique()}`, kldbCode: "81302" }) },
  "occupations.update": {
    allowed: ["admin"],
    input: async (f) => {
      const made = await execute(createOccupation, f.actors.admin, { nameDe: `Beruf ${unique()}`, nameEn: `Occupation ${unique()}`, kldbCode: "" });
      return { id: made.ok ? made.value.id : null, nameDe: `Geändert ${unique()}`, nameEn: `Changed ${unique()}`, kldbCode: "84114", active: false };
    },
  },

  "tokens.create": { allowed: ["admin"], input: (f) => ({ userId: f.target.userId, name: `Import ${unique()}` }) },
  "tokens.list": { allowed: ["admin"], input: () => ({}) },
  "tokens.revoke": {
    allowed: ["admin"],
    input: async (f) => {
      const made = await execute(createToken, f.actors.admin, { userId: f.target.userId, name: `Kurz ${unique()}` });
      return { id: made.ok ? made.value.id : null };
    },
  },

  // Figures: coordinators and admins; a regional coordinator only within their own region.
  "figures.report": {
    allowed: ["regionalOwn", "network", "admin"],
    input: (f) => ({ from: "2019-01-01", to: "2019-12-31", scope: f.own.region.id }),
    outOfScope: { kind: "forbidden" },
  },
  "figures.breakdown": {
    allowed: ["regionalOwn", "network", "admin"],
    input: (f) => ({ from: "2019-01-01", to: "2019-12-31", scope: f.own.subproject.id, by: "gender" }),
    outOfScope: { kind: "forbidden" },
  },

  "targets.list": { allowed: ["admin"], input: () => ({}) },
  "audit.search": { allowed: ["admin"], input: () => ({ action: "clients." }) },
  "targets.save": {
    allowed: ["admin"],
    input: async (f) => {
      const current = await execute(listTargets, f.actors.admin, {});
      const version = current.ok ? current.value[0].version : 0;
      return { key: "initialSessions", fromOn: "2019-01-01", toOn: "2022-12-31", value: 200_000, version };
    },
  },

  ...recordRows(),
};

/** What a refused cell must answer: no session, no permission at all, or outside the actor's units. */
function expectedRefusal(op: AnyOperation, who: Who): Refusal | { kind: "unauthenticated" | "forbidden" } {
  const role = ROLE_OF[who];
  if (!role) return { kind: "unauthenticated" };
  if (op.access !== "public" && !hasPermission({ role } as Actor, op.access)) return { kind: "forbidden" };
  return MATRIX[op.name]?.outOfScope ?? { kind: "not_found" };
}

function describeRefusal(refusal: ReturnType<typeof expectedRefusal>): string {
  return refusal.kind === "validation" ? `refused (422 ${refusal.field})` : `refused (${refusal.kind})`;
}

describe("authorization matrix", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await makeFixture();
  });

  it("has a row for every operation, and no row for one that does not exist", () => {
    const names = OPERATIONS.map((op) => op.name).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(names);
  });

  for (const op of OPERATIONS) {
    for (const who of EVERYONE) {
      const allowed = MATRIX[op.name]?.allowed.includes(who) ?? false;
      const refusal = expectedRefusal(op, who);
      it(`${op.name} as ${who}: ${allowed ? "allowed" : describeRefusal(refusal)}`, async () => {
        const input = await MATRIX[op.name].input(f);
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

describe("every entry point goes through an operation", () => {
  it("each exported server action calls perform() with a registered operation", () => {
    const registered = new Set(OPERATIONS.map((op) => op.name));
    const files = filesUnder("app", /\.tsx?$/).filter((file) => readFileSync(file, "utf8").startsWith('"use server"'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      const actions = [...source.matchAll(/export async function (\w+)\([^)]*\)\s*{([\s\S]*?)\n}/g)];
      expect(actions.length, file).toBeGreaterThan(0);
      for (const [, name, body] of actions) {
        const called = body.match(/perform\(([\w.]+),/);
        expect(called, `${file}: ${name} must call perform(operation, input)`).not.toBeNull();
        const [root, member] = called![1].split(".");
        if (member) {
          // A record kind's operation, looked up in RECORD_OPERATIONS by a kind the action checked.
          expect(Object.keys(RECORD_OPERATIONS.advice_session), `${file}: ${name}`).toContain(member);
          expect(source, `${file}: ${name} must take ${root} from RECORD_OPERATIONS`).toMatch(/import \{[^}]*\bRECORD_OPERATIONS\b[^}]*\} from "@\/lib\/records\/commands"/);
          continue;
        }
        const imported = new RegExp(`import \\{[^}]*\\b${root}\\b[^}]*\\} from "@/lib/`).test(source);
        expect(imported, `${file}: ${root} must be an operation from lib/`).toBe(true);
      }
    }
    expect(registered.size).toBe(OPERATIONS.length);
  });

  it("lists every route handler with its access rule", () => {
    const ROUTES: Record<string, string> = {
      "app/api/auth/[...nextauth]/route.ts": "public: next-auth's own endpoints (login, session, logout)",
      "app/api/health/route.ts": "public: liveness and database check, no data",
      "app/api/v1/clients/route.ts": "clientsRoute: clients.search / clients.create (adviser, own contact points)",
      "app/api/v1/clients/[id]/export/route.ts": "clientExportRoute: clients.export, everything held about one client as JSON (adviser, own contact points; else 404)",
      "app/api/v1/clients/[id]/route.ts": "clientRoute: clients.get / clients.update (adviser, own contact points; else 404)",
      "app/api/v1/[kind]/route.ts": "recordsRoute: records.<kind>.list / create (adviser, own units)",
      "app/api/v1/[kind]/[id]/route.ts": "recordRoute: records.<kind>.get / update / delete (adviser, own units; else 404)",
      "app/api/v1/openapi.json/route.ts": "public: the OpenAPI document, generated from the zod schemas, no data",
      "app/api/v1/figures/route.ts": "figuresRoute: figures.report (coordinators, admin; a regional coordinator their own region, else 403)",
      "app/api/v1/figures/breakdown/route.ts": "figuresBreakdownRoute: figures.breakdown (coordinators, admin; a regional coordinator their own region, else 403)",
      "app/(reports)/reports/figures/export/route.ts": "figuresDownload: figures.report / figures.breakdown as CSV or XLSX (coordinators, admin; a regional coordinator their own region)",
    };
    const found = filesUnder("app", /^route\.ts$/).map((f) => relative(".", f));
    expect(found.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});
