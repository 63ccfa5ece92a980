import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, figureDeltas, history, records } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { computeFigures } from "@/lib/figures/report";
import { exportRecords, importTemplate } from "@/lib/import/export";
import { checkImport, listImports, runImport, type ImportReport } from "@/lib/import/operations";
import { runningImports, type ImportProgress } from "@/lib/import/progress";
import { execute, type Result } from "@/lib/operation";
import { recordSnapshot } from "@/lib/records/access";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { makeActor, makeClient, makeOrg, makeRecord, readingAllClients } from "../helpers/factories";

type Org = Awaited<ReturnType<typeof makeOrg>>;

const csv = (lines: string[], name = "import.csv") => new File([lines.join("\r\n") + "\r\n"], name);
const value = <R>(result: Result<R>): R => {
  if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 2000));
  return result.value;
};

async function recordsIn(unitId: string) {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(records).where(eq(records.unitId, unitId));
  return n;
}

describe("import and export (lib/import)", () => {
  let org: Org;
  let adviser: Actor;
  let cp: string;
  beforeAll(async () => {
    org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.contactPoints[0].id] });
    cp = org.contactPoints[0].id;
  });

  it("the dry run names every bad row by line, column and reason, in German and in English, and counts per kind", async () => {
    const client = await makeClient(adviser);
    const de = [
      "Kennung der Person;Datum;Beratungsphase;Art der Beratung;Kontaktweg;Ergebnis / nächster Schritt",
      `${client.ref};2019-03-04;Erstberatung;Anerkennung;persönlich;keine weiteren Schritte`,
      `${client.ref};2019-02-30;initial;recognition;per Brieftaube;no_further_action`,
      `K-NIEMAND;04.03.2019;initial;recognition;phone;no_further_action`,
    ];
    const german = value(await execute(checkImport, adviser, { contactPointId: cp, file: csv(de) }, "de"));
    expect(german.counts).toEqual({ advice_session: { rows: 2, added: 2, existing: 0 } });
    expect(german.errorCount).toBe(3);
    expect(german.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Kontaktweg"],
      [3, "Datum"],
      [4, "Kennung der Person"],
    ]);
    expect(german.errors[1].message).toMatch(/Datum/i);
    expect(german.errors[2].message).toContain("Keine Person mit dieser Kennung");

    const en = ["Client reference,Date,Advice stage,Type of advice,Channel,Outcome / next step", `${client.ref},2019-03-04,initial,recognition,carrier pigeon,no_further_action`];
    const english = value(await execute(checkImport, adviser, { contactPointId: cp, file: csv(en) }, "en"));
    expect(english.errors).toEqual([{ sheet: null, line: 2, column: "Channel", message: expect.any(String) }]);
    expect(english.errors[0].message).not.toBe(german.errors[0].message);
    // A dry run writes nothing.
    expect(await recordsIn(cp)).toBe(0);
  });

  it("a 10,000-row file with one bad row imports nothing and names that row; fixed, it imports once, and a second time adds nothing", { timeout: 120_000 }, async () => {
    const refs = Array.from({ length: 50 }, (_, i) => `ALT-${i}`);
    const clientFile = csv(["Client reference,Gender,Year of birth,Country of qualification", ...refs.map((r, i) => `${r},${i % 2 ? "female" : "male"},${1970 + i},SY`)]);
    const madeClients = value(await execute(runImport, adviser, { contactPointId: cp, file: clientFile }, "en"));
    expect(madeClients.counts).toEqual({ client: { rows: 50, added: 50, existing: 0 } });

    const header = "Client reference,Date,Advice stage,Type of advice,Channel,Outcome / next step";
    const lines = Array.from({ length: 10_000 }, (_, i) => `${refs[i % 50]},2019-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")},${i % 3 ? "follow_up" : "initial"},recognition,phone,no_further_action`);
    const bad = [...lines];
    bad[6_789] = bad[6_789].replace(",phone,", ",fax,");
    const before = await recordsIn(cp);
    const refused = await execute(runImport, adviser, { contactPointId: cp, file: csv([header, ...bad]) }, "en");
    expect(refused.ok).toBe(false);
    const messages = !refused.ok && refused.error.kind === "validation" ? refused.error.fieldErrors.file : [];
    // The header is row 1: the 6,790th data row is row 6,791.
    expect(messages).toEqual([expect.stringContaining("1 bad row"), expect.stringMatching(/^Row 6791, Channel: /)]);
    expect(await recordsIn(cp)).toBe(before);

    const started = Date.now();
    const done = value(await execute(runImport, adviser, { contactPointId: cp, file: csv([header, ...lines]) }, "en"));
    expect(done.counts).toEqual({ advice_session: { rows: 10_000, added: 10_000, existing: 0 } });
    expect(await recordsIn(cp)).toBe(before + 10_000);
    const again = value(await execute(runImport, adviser, { contactPointId: cp, file: csv([header, ...lines]) }, "en"));
    expect(again.counts).toEqual({ advice_session: { rows: 10_000, added: 0, existing: 10_000 } });
    expect(await recordsIn(cp)).toBe(before + 10_000);
    console.log(`two imports of 10,000 rows: ${Date.now() - started} ms`);

    // Each imported record has its history version, like a form's create, with the form's snapshot.
    const db = await getDb();
    const [one] = await db.select().from(records).where(eq(records.unitId, cp)).limit(1);
    const versions = await db.select().from(history).where(eq(history.subjectId, one.id));
    expect(versions.map((v) => v.op)).toEqual(["create"]);
    expect(versions[0].snapshot).toEqual(recordSnapshot(one));
    const imported = value(await execute(listImports, adviser, {}));
    expect(imported.length).toBeGreaterThanOrEqual(3);
  });

  it("an import shows its progress while it runs, to its user only, and is listed as done once it has ended", { timeout: 120_000 }, async () => {
    const other = await makeOrg();
    const own = await makeActor("adviser", { unitIds: [other.contactPoints[0].id] });
    const target = other.contactPoints[0].id;
    value(await execute(runImport, own, { contactPointId: target, file: csv(["Client reference,Gender", "P-1,female"]) }, "en"));
    const lines = Array.from({ length: 6_000 }, (_, i) => `P-1,2019-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")},initial,recognition,phone,no_further_action`);
    const running = execute(runImport, own, { contactPointId: target, file: csv(["Client reference,Date,Advice stage,Type of advice,Channel,Outcome / next step", ...lines], "progress.csv") }, "en");
    let ended = false;
    void running.finally(() => (ended = true));
    const seen: ImportProgress[] = [];
    // What the page would show at each turn of the event loop, until the import has ended.
    while (!ended) {
      const [progress] = runningImports(own.userId);
      if (progress) seen.push({ ...progress });
      expect(runningImports(adviser.userId).filter((p) => p.fileName === "progress.csv")).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const report = value(await running);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.id === report.id && p.fileName === "progress.csv" && p.unitId === target)).toBe(true);
    expect(seen.some((p) => p.phase === "writing" && p.toWrite === 6_000)).toBe(true);
    expect(Math.max(...seen.map((p) => p.checked))).toBeLessThanOrEqual(6_000);
    expect(runningImports(own.userId)).toEqual([]);
    const listed = value(await execute(listImports, own, {}));
    expect(listed[0]).toMatchObject({ id: report.id, fileName: "progress.csv", status: "done", rows: 6_000 });
  });

  it("templates have German and English headers, and a filled-in template of either language imports", async () => {
    const de = value(await execute(importTemplate, adviser, { format: "csv", kind: "client" }, "de"));
    const en = value(await execute(importTemplate, adviser, { format: "csv", kind: "client" }, "en"));
    expect(String(de.content).replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^Kennung der Person;Geschlecht;Geburtsjahr;/);
    expect(String(en.content).replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^Client reference,Gender,Year of birth,/);
    const filled = `${String(de.content)}T-1;weiblich;1990;SY;SY;Duldung;2015;B1;akademisch;;ja\r\n`;
    const done = value(await execute(runImport, adviser, { contactPointId: cp, file: new File([filled], "vorlage.csv") }, "de"));
    expect(done.counts).toEqual({ client: { rows: 1, added: 1, existing: 0 } });
    const workbook = value(await execute(importTemplate, adviser, { format: "xlsx" }, "en"));
    const empty = value(await execute(checkImport, adviser, { contactPointId: cp, file: new File([workbook.content], workbook.fileName) }, "en"));
    expect(empty).toMatchObject({ rows: 0, errorCount: 0 });
  });

  it("keeps no file reference or row content readable: a reference that is a name leaves only keyed hashes behind, which still find it again", async () => {
    const other = await makeOrg();
    const own = await makeActor("adviser", { unitIds: [other.contactPoints[0].id] });
    const target = other.contactPoints[0].id;
    const name = `Zeynep Referenzname ${Date.now()}`;
    const template = String(value(await execute(importTemplate, own, { format: "csv", kind: "client" }, "de")).content);
    const file = () => new File([`${template}${name};weiblich;1990;SY;SY;Duldung;2015;B1;akademisch;;ja\r\n`], "liste.csv");
    expect(value(await execute(runImport, own, { contactPointId: target, file: file() }, "de")).counts).toEqual({ client: { rows: 1, added: 1, existing: 0 } });
    const db = await getDb();
    const keys = (await db.execute(sql`select key from import_keys where unit_id = ${target}`)).rows as { key: string }[];
    expect(keys).toHaveLength(1);
    expect(keys[0].key).not.toContain("Referenzname");
    expect(keys[0].key).toMatch(/^ref:[A-Za-z0-9_-]{43}$/);
    // The keyed reference still finds the client: the same file again adds nothing.
    expect(value(await execute(runImport, own, { contactPointId: target, file: file() }, "de")).counts).toEqual({ client: { rows: 1, added: 0, existing: 1 } });
  });

  it("an adviser cannot import into another unit; an admin can import into any", async () => {
    const other = await makeOrg();
    const file = csv(["Client reference,Gender", "X-1,female"]);
    const refused = await execute(runImport, adviser, { contactPointId: other.contactPoints[0].id, file });
    expect(refused).toMatchObject({ ok: false, error: { kind: "validation", fieldErrors: { contactPointId: [expect.any(String)] } } });
    const coordinator = await makeActor("regional_coordinator", { regionId: org.region.id });
    expect(await execute(runImport, coordinator, { contactPointId: cp, file })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    const admin = await makeActor("admin");
    const done = value(await execute(runImport, admin, { contactPointId: other.contactPoints[0].id, file }));
    expect(done.counts).toEqual({ client: { rows: 1, added: 1, existing: 0 } });
    const made = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.contactPointId, other.contactPoints[0].id)));
    expect(made.map((c) => c.gender)).toEqual(["female"]);
  });

  it("the round trip (export → import into an empty contact point) gives identical statistical data and identical figures", { timeout: 120_000 }, async () => {
    const source = await makeOrg();
    const target = await makeOrg();
    const person = await makeActor("adviser", { unitIds: [source.contactPoints[0].id, target.contactPoints[0].id] });
    const from = source.contactPoints[0].id;
    const to = target.contactPoints[0].id;
    const [a, b] = [await makeClient(person, { contactPointId: from }), await makeClient(person, { contactPointId: from, gender: "male", qualificationCountry: "TR", regulatedProfession: null, birthYear: null })];
    const place = (clientId: string) => ({ place: { unitId: from, clientId } });
    await makeRecord(person, "advice_session", place(a.id));
    await makeRecord(person, "advice_session", { ...place(a.id), data: { occurredOn: "2019-08-01", stage: "follow_up" } });
    await makeRecord(person, "advice_session", place(b.id));
    await makeRecord(person, "fair_integration_session", place(b.id));
    await makeRecord(person, "fair_integration_event", { place: { unitId: from } });
    const subproject = { place: { unitId: source.subproject.id } };
    const scheme = await makeRecord(person, "job_training_scheme", subproject);
    await makeRecord(person, "enrolment", { place: { schemeId: scheme.id, clientId: a.id }, data: { outcome: "successful", achievement: "full_equivalence", outcomeOn: "2019-10-01", endOn: "2019-09-30" } });
    await makeRecord(person, "enrolment", { place: { schemeId: scheme.id, clientId: b.id } });
    await makeRecord(person, "intercultural_activity", subproject);
    await makeRecord(person, "skilled_worker_activity", subproject);
    // A deleted record is not exported (nor counted).
    const gone = await makeRecord(person, "advice_session", place(b.id));
    value(await execute(RECORD_OPERATIONS.advice_session.remove, person, { id: gone.id, version: gone.version }));

    for (const locale of ["de", "en"] as const) {
      const file = value(await execute(exportRecords, person, { contactPointId: from, format: "xlsx" }, locale));
      const report: ImportReport = value(await execute(runImport, person, { contactPointId: to, file: new File([file.content], file.fileName) }, locale));
      expect(report.errors).toEqual([]);
      // The second language's file names the same rows: nothing is added.
      const added = Object.values(report.counts).reduce((n, c) => n + c.added, 0);
      expect(added).toBe(locale === "de" ? 12 : 0);
    }

    const statistical = async (contactPointId: string, subprojectId: string) => {
      const theClients = await readingAllClients((tx) => tx.select().from(clients).where(eq(clients.contactPointId, contactPointId)));
      const db = await getDb();
      const theRecords = await db
        .select()
        .from(records)
        .where(and(isNull(records.deletedAt), eq(records.createdBy, person.userId)))
        .orderBy(asc(records.occurredOn));
      const ours = theRecords.filter((r) => r.unitId === contactPointId || r.unitId === subprojectId);
      const refOf = new Map(theClients.map((c, i) => [c.id, i]));
      const { id: _i, ref: _r, contactPointId: _c, createdAt: _ca, updatedAt: _u, createdBy: _b, version: _v, ...first } = theClients[0];
      return {
        clients: theClients.map(({ id: _id, ref: _ref, contactPointId: _cp, createdAt: _ca, updatedAt: _ua, createdBy: _cb, ...rest }) => rest).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        records: ours.map((r) => ({ kind: r.kind, occurredOn: r.occurredOn, data: r.data, client: r.clientId ? theClients.find((c) => c.id === r.clientId)!.gender : null, level: r.unitId === contactPointId ? "cp" : "sp", inScheme: !!r.parentId })).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
        _: [refOf.size, Object.keys(first).length],
      };
    };
    const original = await statistical(from, source.subproject.id);
    const copy = await statistical(to, target.subproject.id);
    expect(copy).toEqual(original);
    expect(original.records).toHaveLength(10);

    const db = await getDb();
    const figures = (scope: { level: "unit" | "subproject"; id: string }) => db.transaction((tx) => computeFigures(tx, { from: "2019-01-01", to: "2019-12-31", completersAsOf: "2030-01-01" }, scope, "en"));
    const [figuresFrom, figuresTo] = [await figures({ level: "unit", id: from }), await figures({ level: "unit", id: to })];
    expect(figuresTo).toEqual(figuresFrom);
    expect(await figures({ level: "subproject", id: target.subproject.id })).toEqual(await figures({ level: "subproject", id: source.subproject.id }));
    expect(Object.values(figuresFrom).some((v) => typeof v === "number" && v > 0)).toBe(true);
    const [{ n }] = await db.select({ n: count() }).from(figureDeltas).where(eq(figureDeltas.unitId, to));
    expect(n).toBeGreaterThan(0);
  });
});
