import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { orgUnits } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { execute } from "@/lib/operation";
import { closeUnit, createUnit, renameUnit } from "@/lib/org/commands";
import { figuresReport } from "@/lib/figures/report";
import { getNetwork, listRegions } from "@/lib/org/queries";
import { makeActor, makeOrg } from "../helpers/factories";

describe("org units", () => {
  let admin: Actor;
  beforeAll(async () => {
    admin = await makeActor("admin");
  });

  it("creates a contact point below a subproject, in the subproject's region", async () => {
    const org = await makeOrg();
    const result = await execute(createUnit, admin, {
      level: "contact_point",
      parentId: org.subproject.id,
      name: "Mobile Beratung Hof",
      town: "Hof",
      kind: "mobile",
      activeFrom: "2020-03-01",
    });
    expect(result).toMatchObject({ ok: true, value: { level: "contact_point", regionId: org.region.id, contactPointKind: "mobile" } });
  });

  it("rejects bad input with every field named, in the user's language, and writes nothing", async () => {
    const org = await makeOrg();
    const bad = { level: "contact_point", parentId: org.subproject.id, name: "", town: "", kind: "bus", activeFrom: "2019-02-30" };
    const de = await execute(createUnit, admin, bad, "de");
    const en = await execute(createUnit, admin, bad, "en");
    expect(de.ok || de.error).toEqual({
      kind: "validation",
      fieldErrors: {
        name: ["Bitte ausfüllen."],
        town: ["Bitte ausfüllen."],
        kind: ["Bitte einen der angebotenen Werte wählen."],
        activeFrom: ["Bitte ein gültiges Datum angeben."],
      },
    });
    expect(en.ok || en.error).toMatchObject({ kind: "validation", fieldErrors: { name: ["Please fill in."] } });
    const db = await getDb();
    expect(await db.select().from(orgUnits).where(eq(orgUnits.parentId, org.subproject.id))).toHaveLength(2);
  });

  it("refuses a contact point below a region (wrong level)", async () => {
    const org = await makeOrg();
    const result = await execute(createUnit, admin, {
      level: "contact_point",
      parentId: org.region.id,
      name: "Falsch",
      town: "Ort",
      kind: "permanent",
      activeFrom: "2020-01-01",
    });
    expect(result.ok || result.error).toEqual({ kind: "validation", fieldErrors: { parentId: ["Diese Einheit kann hier nicht angelegt werden."] } });
  });

  it("renames at the version the user saw, and reports a stale edit as a conflict with the current values", async () => {
    const org = await makeOrg();
    const first = await execute(renameUnit, admin, { id: org.subproject.id, name: "Neuer Name", version: 1 });
    expect(first).toMatchObject({ ok: true, value: { name: "Neuer Name", version: 2 } });
    const stale = await execute(renameUnit, admin, { id: org.subproject.id, name: "Anderer Name", version: 1 });
    expect(stale.ok || stale.error).toMatchObject({ kind: "conflict", current: { name: "Neuer Name", version: 2 } });
  });

  it("closing keeps the unit and closes the units below it on the same day", async () => {
    const org = await makeOrg();
    const result = await execute(closeUnit, admin, { id: org.subproject.id, activeUntil: "2021-12-31", version: 1 });
    expect(result).toMatchObject({ ok: true, value: { activeUntil: "2021-12-31" } });
    const db = await getDb();
    const points = await db.select().from(orgUnits).where(eq(orgUnits.parentId, org.subproject.id));
    expect(points.map((p) => p.activeUntil)).toEqual(["2021-12-31", "2021-12-31"]);
    const regions = await execute(listRegions, admin, { at: "2021-12-31" });
    const after = await execute(listRegions, admin, { at: "2022-01-01" });
    const row = (r: typeof regions) => (r.ok ? r.value.find((x) => x.id === org.region.id) : undefined);
    expect(row(regions)).toMatchObject({ subprojects: 1, contactPointsPermanent: 1, contactPointsMobile: 1 });
    expect(row(after)).toMatchObject({ subprojects: 0, contactPointsPermanent: 0, contactPointsMobile: 0 });
  });

  it("a regional coordinator cannot open a unit of another region (not found)", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const coordinator = await makeActor("regional_coordinator", { regionId: mine.region.id });
    const { getUnit } = await import("@/lib/org/queries");
    expect(await execute(getUnit, coordinator, { id: mine.subproject.id })).toMatchObject({ ok: true });
    expect(await execute(getUnit, coordinator, { id: theirs.subproject.id })).toEqual({ ok: false, error: { kind: "not_found" } });
  });

  it("the region table with the national row counts the subprojects and contact points the figures count, on any day", async () => {
    const org = await makeOrg();
    const coordinator = await makeActor("network_coordinator");
    const national = async (name: string, activeFrom: string) => {
      const made = await execute(createUnit, admin, { level: "subproject", parentId: org.network.id, name, provider: "Träger", priorityArea: "competence_centre", activeFrom });
      if (!made.ok) throw new Error(JSON.stringify(made.error));
      return made.value;
    };
    const open = await national("Fachstelle Test", "2019-01-01");
    await national("Fachstelle später", "2020-06-01");
    const closed = await national("Fachstelle geschlossen", "2019-01-01");
    expect(await execute(closeUnit, admin, { id: closed.id, activeUntil: "2019-06-30", version: 1 })).toMatchObject({ ok: true });
    expect(await execute(createUnit, admin, { level: "contact_point", parentId: open.id, name: "Anlaufstelle bundesweit", town: "Berlin", kind: "mobile", activeFrom: "2019-01-01" })).toMatchObject({ ok: true });

    for (const day of ["2019-06-30", "2019-12-31", "2020-06-01"]) {
      const regions = await execute(listRegions, coordinator, { at: day });
      const network = await execute(getNetwork, coordinator, { at: day });
      const figures = await execute(figuresReport, coordinator, { from: day, to: day });
      if (!regions.ok || !network.ok || !figures.ok) throw new Error("a read failed");
      const rows = [...regions.value, network.value.national];
      const subprojects = rows.reduce((s, r) => s + r.subprojects, 0);
      const contactPoints = rows.reduce((s, r) => s + r.contactPointsPermanent + r.contactPointsMobile, 0);
      expect(subprojects, day).toBe(figures.value.figures["organisation.subprojects"]);
      expect(contactPoints, day).toBe(figures.value.figures["contactPoints.total"]);
    }
  });
});
