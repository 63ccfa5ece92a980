import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { OPERATIONS } from "@/lib/operations";
import { makeActor, makeOrg } from "../helpers/factories";

type Who = "anonymous" | "adviserOwn" | "adviserOther" | "regionalOwn" | "regionalOther" | "network" | "admin";
const EVERYONE: Who[] = ["anonymous", "adviserOwn", "adviserOther", "regionalOwn", "regionalOther", "network", "admin"];
const COORDINATORS_AND_ADMIN: Who[] = ["regionalOwn", "regionalOther", "network", "admin"];

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
const MATRIX: Record<string, { allowed: Who[]; input: (f: Fixture) => Promise<unknown> | unknown }> = {
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
};

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
      it(`${op.name} as ${who}: ${allowed ? "allowed" : "refused"}`, async () => {
        const input = await MATRIX[op.name].input(f);
        const result = await execute(op, f.actors[who], input);
        if (allowed) {
          expect(result).toMatchObject({ ok: true });
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(["unauthenticated", "forbidden", "not_found"]).toContain(result.error.kind);
        }
      });
    }
  }

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
        const called = body.match(/perform\((\w+),/);
        expect(called, `${file}: ${name} must call perform(operation, input)`).not.toBeNull();
        const imported = new RegExp(`import \\{[^}]*\\b${called![1]}\\b[^}]*\\} from "@/lib/`).test(source);
        expect(imported, `${file}: ${called![1]} must be an operation from lib/`).toBe(true);
      }
    }
    expect(registered.size).toBe(OPERATIONS.length);
  });

  it("lists every route handler with its access rule", () => {
    const ROUTES: Record<string, string> = {
      "app/api/auth/[...nextauth]/route.ts": "public: next-auth's own endpoints (login, session, logout)",
      "app/api/health/route.ts": "public: liveness and database check, no data",
    };
    const found = filesUnder("app", /^route\.ts$/).map((f) => relative(".", f));
    expect(found.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});
