import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { actAsOwner } from "@/db/row-security";
import { auditLog, editions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { withdrawConsent } from "@/lib/clients/commands";
import { editionCsv, volumeXlsx } from "@/lib/editions/files";
import { editionFiles, getEdition, listEditions, publishEdition, type Edition } from "@/lib/editions/operations";
import { publishableQuarters } from "@/lib/editions/quarters";
import { BREAKDOWNS } from "@/lib/figures/counters";
import { figuresReport } from "@/lib/figures/report";
import { translator } from "@/lib/i18n/translate";
import { execute, type Result } from "@/lib/operation";
import { RECORD_OPERATIONS } from "@/lib/records/commands";
import { kindSpec } from "@/lib/records/kinds";
import { send, sessionSecret, tokenFor } from "../helpers/api";
import { makeActor, makeClient, makeOrg, makeRecord, PERSONAL_WITH_CONSENT, updateInput } from "../helpers/factories";

const YEAR = { from: "2019-01-01", to: "2019-12-31" };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function value<R>(result: Result<R>): R {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

async function editionCount(): Promise<number> {
  const [row] = (await (await getDb()).execute(sql`select count(*)::int as n from editions`)).rows as { n: number }[];
  return row.n;
}

describe("editions", () => {
  let adviser: Actor;
  let network: Actor;
  let regional: Actor;
  let admin: Actor;
  let org: Awaited<ReturnType<typeof makeOrg>>;
  let published: Edition;
  let regionEdition: Edition;
  let publishedCsv: Record<"de" | "en", string>;
  let asOf: string;

  beforeAll(async () => {
    sessionSecret();
    org = await makeOrg();
    adviser = await makeActor("adviser", { unitIds: [org.subproject.id] });
    network = await makeActor("network_coordinator");
    regional = await makeActor("regional_coordinator", { regionId: org.region.id });
    admin = await makeActor("admin");
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    const place = { unitId: org.contactPoints[0].id, clientId: client.id };
    for (let i = 0; i < 3; i++) await makeRecord(adviser, "advice_session", { place });
    await makeRecord(adviser, "fair_integration_session", { place });
    // A reference instant strictly between the writes before and after it.
    await pause(20);
    asOf = new Date().toISOString();
    await pause(20);
    const summary = value(await execute(publishEdition, network, { title: "Jahr 2019 in Zahlen", ...YEAR, asOf }));
    published = value(await execute(getEdition, network, { id: summary.id }));
    publishedCsv = { de: await csvOf(summary.id, "de"), en: await csvOf(summary.id, "en") };
    const ofRegion = value(await execute(publishEdition, network, { title: "Region 2019", ...YEAR, asOf, scope: org.region.id }));
    regionEdition = value(await execute(getEdition, network, { id: ofRegion.id }));
  });

  async function csvOf(id: string, locale: "de" | "en"): Promise<string> {
    return editionCsv(value(await execute(editionFiles, network, { id }, locale)).published, locale);
  }

  it("stores the report as counted for its period and reference dates, with provenance and the definitions' version", async () => {
    const report = value(await execute(figuresReport, network, { ...YEAR, asOf }));
    expect(published).toMatchObject({ title: "Jahr 2019 in Zahlen", period: YEAR, asOf, completersAsOf: asOf, scope: { level: "network", id: null }, publishedBy: { id: network.userId } });
    expect(published.definitionsVersion).toMatch(/\S/);
    expect(published.figures).toEqual(report.figures);
    expect(published.suppressed).toEqual(report.suppressed);
    expect(published.provenance["advice.initialSessions"]).toEqual({ source: "records", asOf });
    expect(published.provenance["contactPoints.total"]).toEqual({ source: "orgTree", asOf: YEAR.to });
    expect(published.breakdowns.map((b) => b.by)).toEqual([...BREAKDOWNS]);
    // Nothing changed yet: every correction is zero.
    for (const c of published.corrections.figures) expect(c.changed, c.key).toBe(false);
    const [entry] = await (await getDb()).select().from(auditLog).where(sql`${auditLog.action} = 'editions.publish' and ${auditLog.subjectId} = ${published.id}`);
    expect(entry).toMatchObject({ actorId: network.userId, outcome: "ok" });
  });

  it("returns the same numbers and CSV bytes after later entries, edits, deletions and an erasure, and shows the corrections", async () => {
    const spec = kindSpec("advice_session");
    const client = await makeClient(adviser, { ...PERSONAL_WITH_CONSENT, contactPointId: org.contactPoints[0].id });
    const place = { unitId: org.contactPoints[0].id, clientId: client.id };
    const [moved, removed] = [await makeRecord(adviser, "advice_session", { place }), await makeRecord(adviser, "advice_session", { place })];
    await makeRecord(adviser, "advice_session", { place });
    // Entered after publication: +3 initial sessions; then one moved out of the period, one deleted.
    value(await execute(RECORD_OPERATIONS.advice_session.update, adviser, updateInput(spec, moved, { occurredOn: "2020-02-03" })));
    value(await execute(RECORD_OPERATIONS.advice_session.remove, adviser, { id: removed.id, version: removed.version }));
    value(await execute(withdrawConsent, adviser, { clientId: client.id }));

    const again = value(await execute(getEdition, network, { id: published.id }));
    const { corrections: _before, ...stored } = published;
    const { corrections, ...storedNow } = again;
    expect(storedNow).toEqual(stored);
    expect(await csvOf(published.id, "de")).toBe(publishedCsv.de);
    expect(await csvOf(published.id, "en")).toBe(publishedCsv.en);
    expect(publishedCsv.de.startsWith("\uFEFF")).toBe(true);
    expect(publishedCsv.de).toContain(";");

    const now = value(await execute(figuresReport, network, YEAR));
    const initial = corrections.figures.find((c) => c.key === "advice.initialSessions")!;
    expect(initial).toMatchObject({ published: published.figures["advice.initialSessions"], current: now.figures["advice.initialSessions"], difference: 1, changed: true });
    expect(corrections.figures.find((c) => c.key === "advice.initialByType.recognition")).toMatchObject({ difference: 1, changed: true });
    expect(corrections.figures.find((c) => c.key === "jobTraining.schemesStarted")).toMatchObject({ difference: 0, changed: false });
    for (const c of corrections.figures) {
      if (typeof c.published === "number") expect(c.current, c.key).toBe(now.figures[c.key]);
    }
    expect(Date.parse(corrections.asOf)).toBeGreaterThan(Date.parse(asOf));
  });

  it("of a region: withholds small cells as its report does, is read by that region's coordinator, and gives no difference where a side is withheld", async () => {
    const report = value(await execute(figuresReport, regional, { ...YEAR, asOf, scope: org.region.id }));
    expect(regionEdition.scope).toMatchObject({ level: "region", id: org.region.id });
    expect(regionEdition.figures).toEqual(report.figures);
    expect(regionEdition.suppressed).toEqual(report.suppressed);
    // One Fair Integration session in this region: withheld.
    expect(regionEdition.suppressed).toContain("fairIntegration.adviceSessions");
    const read = value(await execute(getEdition, regional, { id: regionEdition.id }));
    const { corrections, ...stored } = read;
    const { corrections: _published, ...storedThen } = regionEdition;
    expect(stored).toEqual(storedThen);
    for (const c of corrections.figures) {
      if (c.publishedSuppressed || c.currentSuppressed) expect(c.difference, c.key).toBeNull();
      else if (typeof c.published === "number") expect(c.difference, c.key).toBe(Math.round(((c.current as number) - c.published) * 10) / 10);
    }
    expect(value(await execute(listEditions, regional, {})).map((e) => e.id)).toEqual([regionEdition.id]);
    const elsewhere = await makeActor("regional_coordinator", { regionId: (await makeOrg()).region.id });
    expect(await execute(getEdition, elsewhere, { id: regionEdition.id })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(value(await execute(listEditions, elsewhere, {}))).toEqual([]);
  });

  it("cannot be changed or deleted in the database, not even by the schema's owner", async () => {
    const db = await getDb();
    /** Why the database refused (drizzle wraps the driver's error), or "written" if it did not. */
    const refusal = (write: Promise<unknown>) =>
      write.then(
        () => "written",
        (error: Error & { cause?: Error }) => `${error.cause?.message ?? ""} ${error.message}`,
      );
    // The app's role lacks the privilege on PostgreSQL; PGlite's superuser meets the trigger.
    expect(await refusal(db.update(editions).set({ title: "Geändert" }).where(sql`${editions.id} = ${published.id}`))).toMatch(/immutable|permission denied/);
    expect(await refusal(db.delete(editions).where(sql`${editions.id} = ${published.id}`))).toMatch(/immutable|permission denied/);
    for (const statement of [sql`update editions set content = '{}'::json where id = ${published.id}`, sql`delete from editions`, sql`truncate editions`]) {
      const asOwner = db.transaction(async (tx) => {
        await actAsOwner(tx);
        await tx.execute(statement);
      });
      expect(await refusal(asOwner)).toMatch(/editions are immutable/);
    }
    expect(value(await execute(getEdition, network, { id: published.id })).title).toBe("Jahr 2019 in Zahlen");
  });

  it("holds every breakdown in the table volume, one sheet each, read back as written", async () => {
    const { summary, published: content } = value(await execute(editionFiles, network, { id: published.id }, "de"));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await volumeXlsx(summary, content, translator("de"))) as unknown as ArrayBuffer);
    const t = translator("de");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Bericht", ...BREAKDOWNS.map((by) => t(`figures.by.${by}`)), "Angaben"]);
    const tables = [content.tables.report, ...content.tables.breakdowns];
    tables.forEach((table, i) => {
      const sheet = workbook.worksheets[i];
      expect(sheet.rowCount, sheet.name).toBe(table.rows.length + 1);
      expect((sheet.getRow(1).values as unknown[]).slice(1), sheet.name).toEqual(table.header);
      table.rows.forEach((row, r) => expect((sheet.getRow(r + 2).values as unknown[]).slice(1).map((v) => v ?? ""), `${sheet.name} ${r}`).toEqual(row.map((c) => c ?? "")));
    });
    const info = workbook.getWorksheet("Angaben")!;
    expect(info.getRow(1).values).toEqual([undefined, "Ausgabe", "Jahr 2019 in Zahlen"]);
    expect((info.getColumn(2).values as unknown[]).includes(summary.definitionsVersion)).toBe(true);
  });

  it("is published by a network coordinator only; others are refused and nothing is written", async () => {
    const before = await editionCount();
    const input = { title: "Versuch", ...YEAR, asOf: "2020-01-07" };
    for (const actor of [adviser, regional, admin]) expect(await execute(publishEdition, actor, input), actor.role).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await execute(publishEdition, null, input)).toMatchObject({ ok: false, error: { kind: "unauthenticated" } });
    expect(await editionCount()).toBe(before);
    // A regional coordinator sees figures of their region only: not a network edition.
    expect(await execute(getEdition, regional, { id: published.id })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(await execute(editionFiles, regional, { id: published.id })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(value(await execute(listEditions, regional, {})).map((e) => e.id)).not.toContain(published.id);
    expect(await execute(getEdition, adviser, { id: published.id })).toMatchObject({ ok: false, error: { kind: "forbidden" } });
    expect(value(await execute(listEditions, admin, {})).map((e) => e.id)).toContain(published.id);
    expect(await execute(getEdition, network, { id: crypto.randomUUID() })).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("names every field that is wrong, in the user's language, and writes nothing", async () => {
    const before = await editionCount();
    const errors = async (input: unknown, locale: "de" | "en" = "de") => {
      const result = await execute(publishEdition, network, input, locale);
      return result.ok ? {} : (result.error as { fieldErrors: Record<string, string[]> }).fieldErrors;
    };
    expect(Object.keys(await errors({})).sort()).toEqual(["asOf", "from", "title", "to"]);
    expect((await errors({ title: " ", ...YEAR, asOf: "2020-01-07" })).title).toEqual(["Bitte ausfüllen."]);
    expect((await errors({ title: "X", from: "2019-12-31", to: "2019-01-01", asOf: "2020-01-07" })).to).toEqual(["Das Ende darf nicht vor dem Beginn liegen."]);
    expect((await errors({ title: "X", ...YEAR, asOf: "7.1.2020" }, "en")).asOf).toEqual(["Please give a valid date (YYYY-MM-DD) or an ISO 8601 instant."]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await errors({ title: "X", ...YEAR, asOf: today })).asOf?.[0]).toMatch(/nicht in der Vergangenheit/);
    expect((await errors({ title: "X", ...YEAR, asOf: "2020-01-07", completersAsOf: future }, "en")).completersAsOf?.[0]).toMatch(/not in the past/);
    expect(Object.keys(await errors({ title: "X", ...YEAR, asOf: "2020-01-07", extra: 1 }))).toEqual(["extra"]);
    // Below the network whole calendar months only, and only a regional network.
    const partial = await errors({ title: "X", from: "2019-01-02", to: "2019-02-27", asOf: "2020-01-07", scope: org.region.id });
    expect(partial).toEqual({ from: [expect.stringMatching(/ganze Kalendermonate/)], to: [expect.stringMatching(/ganze Kalendermonate/)] });
    expect(await errors({ title: "X", from: "2019-02-01", to: "2019-02-28", asOf: "2020-01-07", scope: org.subproject.id })).toEqual({ scope: ["Kein Landesnetzwerk."] });
    expect(await errors({ title: "X", ...YEAR, asOf: "2020-01-07", scope: crypto.randomUUID() })).toEqual({ scope: ["Kein Landesnetzwerk."] });
    expect(await editionCount()).toBe(before);
  });

  it("offers the latest quarters whose reference date (7 days after the end) has passed", () => {
    const at = (iso: string) => publishableQuarters(2, new Date(iso)).map((q) => [q.from, q.to, q.asOf]);
    expect(at("2026-11-29T12:00:00Z")).toEqual([
      ["2026-07-01", "2026-09-30", "2026-10-07"],
      ["2026-04-01", "2026-06-30", "2026-07-07"],
    ]);
    // On the reference day itself the day is not over yet.
    expect(at("2026-10-07T12:00:00Z")[0]).toEqual(["2026-04-01", "2026-06-30", "2026-07-07"]);
    expect(at("2026-10-08T12:00:00Z")[0]).toEqual(["2026-07-01", "2026-09-30", "2026-10-07"]);
    expect(at("2027-01-10T12:00:00Z")[0]).toEqual(["2026-10-01", "2026-12-31", "2027-01-07"]);
  });

  it("publishes, lists and reads over the API, with the same schema and refusals", async () => {
    const token = (await tokenFor(network.userId)).token;
    const created = await send("POST", "/api/v1/editions", { token, body: { title: "Q4 2019", from: "2019-10-01", to: "2019-12-31", asOf: "2020-01-07" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Q4 2019", period: { from: "2019-10-01", to: "2019-12-31" }, asOf: "2020-01-07", completersAsOf: "2020-01-07" });
    const list = await send("GET", "/api/v1/editions", { token });
    expect(list.status).toBe(200);
    expect(list.body.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([created.body.id, published.id]));
    const one = await send("GET", `/api/v1/editions/${created.body.id}`, { token });
    expect(one.status).toBe(200);
    expect(one.body.corrections.figures.map((c: { key: string }) => c.key)).toEqual(Object.keys(one.body.figures));
    const regionalToken = (await tokenFor(regional.userId)).token;
    expect((await send("GET", `/api/v1/editions/${created.body.id}`, { token: regionalToken })).status).toBe(403);
    expect((await send("POST", "/api/v1/editions", { token: regionalToken, body: { title: "X", ...YEAR, asOf: "2020-01-07" } })).status).toBe(403);
    const bad = await send("POST", "/api/v1/editions", { token, body: { title: "X", ...YEAR, asOf: "2999-01-01" }, headers: { "accept-language": "en" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fieldErrors)).toEqual(["asOf"]);
    expect((await send("GET", "/api/v1/editions")).status).toBe(401);
  });
});
