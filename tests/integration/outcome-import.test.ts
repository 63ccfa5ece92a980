import { and, count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, figureDeltas, history, outcomeImports, records } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { reportTable } from "@/lib/figures/export";
import { buildReport, computeFigures } from "@/lib/figures/report";
import { translator } from "@/lib/i18n/translate";
import { exportRecords } from "@/lib/import/export";
import { checkOutcomeImport, runOutcomeImport, type OutcomesReport } from "@/lib/import/outcomes";
import { execute, type Result } from "@/lib/operation";
import { makeActor, makeClient, makeOrg, makeRecord } from "../helpers/factories";

const csv = (lines: string[], name = "outcomes.csv") => new File([lines.join("\r\n") + "\r\n"], name);
const value = <R>(result: Result<R>): R => {
  if (!result.ok) throw new Error(JSON.stringify(result.error).slice(0, 2000));
  return result.value;
};
const COMPLETERS = "jobTraining.successfulCompleters";

async function versionsOf(id: string) {
  const db = await getDb();
  const [{ n }] = await db.select({ n: count() }).from(history).where(and(eq(history.subjectId, id), eq(history.subjectType, "record")));
  return n;
}

describe("import of outcomes from the monitoring (lib/import/outcomes.ts)", () => {
  let org: Awaited<ReturnType<typeof makeOrg>>;
  let adviser: Actor;
  let cp: string;
  let scheme: string;
  let refs: string[];
  let enrolments: string[];

  beforeAll(async () => {
    org = await makeOrg();
    cp = org.contactPoints[0].id;
    adviser = await makeActor("adviser", { unitIds: [cp] });
    const made = await makeRecord(adviser, "job_training_scheme", { place: { unitId: org.subproject.id } });
    scheme = made.id;
    refs = [];
    enrolments = [];
    for (let i = 0; i < 4; i++) {
      const client = await makeClient(adviser, { contactPointId: cp });
      refs.push(client.ref);
      enrolments.push((await makeRecord(adviser, "enrolment", { place: { schemeId: scheme, clientId: client.id }, data: { occurredOn: "2019-03-01" } })).id);
    }
  }, 120_000);

  const input = (file: File, extra: Record<string, unknown> = {}) => ({ contactPointId: cp, source: "ESF-Monitoring", sourceOn: "2020-02-20", file, ...extra });

  it("a bad row imports nothing and is named by line, column and reason, in German and in English", async () => {
    const de = [
      "Kennung der Maßnahme;Kennung der Person;Ergebnis;Erreicht;Datum des Ergebnisses",
      `${scheme};${refs[0]};erfolgreich abgeschlossen;volle Gleichwertigkeit;15.01.2020`,
      `${scheme};K-NIEMAND;successful;full_equivalence;2020-01-15`,
      `${scheme};${refs[1]};bestanden;;2020-01-15`,
      `${scheme};${refs[2]};successful;full_equivalence;2019-02-01`,
      `${scheme};${refs[3]};successful;full_equivalence;2099-01-01`,
    ];
    const german: OutcomesReport = value(await execute(checkOutcomeImport, adviser, input(csv(de)), "de"));
    expect(german.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Kennung der Person"],
      [4, "Ergebnis"],
      [5, "Datum des Ergebnisses"],
      [6, "Datum des Ergebnisses"],
    ]);
    expect(german.errors[0].message).toContain("Keine Teilnahme");
    expect(german.errors[3].message).toMatch(/Zukunft/);
    const en = de.map((l) => l.replaceAll(";", ",")).with(0, "Scheme reference,Client reference,Outcome,Achieved,Outcome date");
    const english: OutcomesReport = value(await execute(checkOutcomeImport, adviser, input(csv(en)), "en"));
    expect(english.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "Client reference"],
      [4, "Outcome"],
      [5, "Outcome date"],
      [6, "Outcome date"],
    ]);
    expect(english.errors[0].message).toContain("No enrolment");
    expect(english.errors[2].message).not.toBe(german.errors[2].message);

    const refused = await execute(runOutcomeImport, adviser, input(csv(de)), "de");
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain("Zeile 3, Kennung der Person");
    // Nothing written: the good first row neither.
    for (const id of enrolments) expect(await versionsOf(id)).toBe(1);
  });

  it("sets outcomes as edits with history; the completers figure counts them and names the source and its date; the same file again changes nothing", { timeout: 120_000 }, async () => {
    const db = await getDb();
    const file = () =>
      csv([
        "Scheme reference,Client reference,Outcome,Achieved,Outcome date",
        `${scheme},${refs[0]},successful,full equivalence,2020-01-15`,
        `${scheme},${refs[1]},successful,job_entry_at_level,2020-01-31`,
        `${scheme},${refs[2]},discontinued,,2019-06-30`,
        `${scheme},${refs[3]},ongoing,,`,
      ]);
    const scope = { level: "subproject" as const, id: org.subproject.id };
    const figures = (completersAsOf?: string) => db.transaction((tx) => computeFigures(tx, { from: "2019-01-01", to: "2019-12-31", completersAsOf }, scope, "en"));
    expect((await figures())[COMPLETERS]).toBe(0);
    const deltasBefore = (await db.select({ n: count() }).from(figureDeltas).where(eq(figureDeltas.subprojectId, org.subproject.id)))[0].n;

    const done: OutcomesReport = value(await execute(runOutcomeImport, adviser, input(file()), "en"));
    expect(done).toMatchObject({ rows: 4, changed: 3, unchanged: 1, errorCount: 0 });
    expect(await Promise.all(enrolments.map(versionsOf))).toEqual([2, 2, 2, 1]);
    const [first] = await db.select().from(records).where(eq(records.id, enrolments[0]));
    expect(first.data).toMatchObject({ outcome: "successful", achievement: "full_equivalence", outcomeOn: "2020-01-15" });
    expect(first.version).toBe(2);
    const [edit] = await db.select().from(history).where(and(eq(history.subjectId, enrolments[0]), eq(history.version, 2)));
    expect(edit).toMatchObject({ op: "update", actorId: adviser.userId });
    const audited = await db.select({ outcome: auditLog.outcome }).from(auditLog).where(and(eq(auditLog.actorId, adviser.userId), eq(auditLog.action, "imports.runOutcomes")));
    expect(audited.filter((a) => a.outcome === "ok")).toHaveLength(1);
    const deltasAfter = (await db.select({ n: count() }).from(figureDeltas).where(eq(figureDeltas.subprojectId, org.subproject.id)))[0].n;
    expect(deltasAfter).toBeGreaterThan(deltasBefore);

    // Counted as the ledger knew them at the completers' reference date: now both, before the import none.
    expect((await figures())[COMPLETERS]).toBe(2);
    expect((await figures("2020-12-31"))[COMPLETERS]).toBe(0);

    const now = new Date().toISOString();
    const report = await db.transaction((tx) => buildReport(tx, { from: "2019-01-01", to: "2019-12-31", completersAsOf: now }, { ...scope, name: "SP" }, "en"));
    expect(report.provenance[COMPLETERS]).toMatchObject({ source: "records", asOf: now, imported: { source: "ESF-Monitoring", on: "2020-02-20" } });
    expect(report.provenance["jobTraining.participantsCommencing"].imported).toBeUndefined();
    const row = reportTable(report, translator("en")).rows.find((r) => r[0] === COMPLETERS)!;
    expect(String(row[3])).toContain("Outcomes: ESF-Monitoring of 2020-02-20");
    // A report whose completers' date lies before the import neither counts nor names it.
    const earlier = await db.transaction((tx) => buildReport(tx, { from: "2019-01-01", to: "2019-12-31", completersAsOf: "2020-12-31" }, { ...scope, name: "SP" }, "en"));
    expect(earlier.provenance[COMPLETERS].imported).toBeUndefined();

    const again: OutcomesReport = value(await execute(runOutcomeImport, adviser, input(file(), { sourceOn: "2020-02-21" }), "en"));
    expect(again).toMatchObject({ changed: 0, unchanged: 4 });
    expect(await Promise.all(enrolments.map(versionsOf))).toEqual([2, 2, 2, 1]);
    expect((await db.select({ n: count() }).from(figureDeltas).where(eq(figureDeltas.subprojectId, org.subproject.id)))[0].n).toBe(deltasAfter);
    const imports = await db.select().from(outcomeImports).where(eq(outcomeImports.subprojectId, org.subproject.id));
    expect(imports.map((i) => i.changed).sort()).toEqual([0, 3]);
  });

  it("an adviser cannot set outcomes of another unit's enrolments", async () => {
    const other = await makeOrg();
    const stranger = await makeActor("adviser", { unitIds: [other.contactPoints[0].id] });
    const file = csv(["Scheme reference,Client reference,Outcome,Achieved,Outcome date", `${scheme},${refs[3]},successful,full_equivalence,2020-01-15`]);
    // Into the enrolments' contact point: not theirs.
    const refused = await execute(runOutcomeImport, stranger, input(file), "en");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ kind: "validation", fieldErrors: { contactPointId: [expect.any(String)] } });
    // Into their own contact point: the enrolment is not found there.
    const own: OutcomesReport = value(await execute(checkOutcomeImport, stranger, input(file, { contactPointId: other.contactPoints[0].id }), "en"));
    expect(own.errors).toEqual([{ sheet: null, line: 2, column: "Client reference", message: expect.stringContaining("No enrolment") }]);
    expect(await versionsOf(enrolments[3])).toBe(1);
  });

  it("the export's enrolments table, its outcome filled in, is a file to import (the monitoring's round trip)", async () => {
    for (const locale of ["de", "en"] as const) {
      const exported = value(await execute(exportRecords, adviser, { contactPointId: cp, format: "csv", kind: "enrolment" }, locale));
      const text = String(exported.content);
      const sep = locale === "de" ? ";" : ",";
      const ongoing = `${refs[3]}${sep}2019-03-01${sep}ongoing${sep}${sep}${sep}`;
      // The German round fills the outcome in; the English export already shows it.
      expect(text.includes(ongoing)).toBe(locale === "de");
      const filled = text.replace(ongoing, `${refs[3]}${sep}2019-03-01${sep}discontinued${sep}${sep}2020-01-10${sep}`);
      const done: OutcomesReport = value(await execute(runOutcomeImport, adviser, input(new File([filled], exported.fileName)), locale));
      expect(done).toMatchObject({ rows: 4, changed: locale === "de" ? 1 : 0, unchanged: locale === "de" ? 3 : 4, errorCount: 0 });
    }
    expect(await versionsOf(enrolments[3])).toBe(2);
  });

  it("the export's whole workbook, an outcome filled in on its enrolments sheet, imports; its other sheets are passed over", async () => {
    const exported = value(await execute(exportRecords, adviser, { contactPointId: cp, format: "xlsx" }, "en"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.content as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const sheet = workbook.worksheets.find((w) => (w.getRow(1).values as unknown[]).includes("Outcome"))!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const row = [...Array(sheet.rowCount).keys()].map((i) => sheet.getRow(i + 1)).find((r) => r.getCell(header.indexOf("Client reference")).value === refs[1])!;
    row.getCell(header.indexOf("Outcome")).value = "discontinued";
    row.getCell(header.indexOf("Achieved")).value = null;
    row.getCell(header.indexOf("Outcome date")).value = "2020-03-31";
    const file = new File([await workbook.xlsx.writeBuffer()], exported.fileName);

    const versions = await versionsOf(enrolments[1]);
    const done: OutcomesReport = value(await execute(runOutcomeImport, adviser, input(file), "en"));
    expect(done).toMatchObject({ rows: 4, changed: 1, unchanged: 3, errorCount: 0 });
    expect(await versionsOf(enrolments[1])).toBe(versions + 1);
    const [changed] = await (await getDb()).select().from(records).where(eq(records.id, enrolments[1]));
    expect(changed.data).toMatchObject({ outcome: "discontinued", outcomeOn: "2020-03-31" });

    // Without an enrolments sheet the other tables are named as the wrong ones, as before.
    workbook.removeWorksheet(sheet.id);
    const refused: OutcomesReport = value(await execute(checkOutcomeImport, adviser, input(new File([await workbook.xlsx.writeBuffer()], exported.fileName)), "en"));
    for (const name of workbook.worksheets.map((w) => w.name)) expect(refused.errors.find((e) => e.sheet === name)?.message).toMatch(/lacks the columns .*Outcome/);
  });
});
