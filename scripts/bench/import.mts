/**
 * The import's target (docs/quality.md P5): a generated CSV of 100,000 advice sessions
 * through the real HTTP endpoints of the built app, the dry run and then the import, each within
 * 10 s, with the server's peak memory within 512 MB.
 *
 * On a fresh database of its own (`lotse_bench_import` on the server of DATABASE_URL, dropped
 * afterwards; the app migrates it at start-up): one contact point, an adviser of it who signs in
 * through next-auth's login form over HTTP, and the clients the sessions name, imported first
 * (not measured). Wall time per request, from sending to the last byte of the answer; memory as
 * the server process's peak resident set (VmHWM of /proc/<pid>/status, since its start) and its
 * resident set sampled every 100 ms during each request. Afterwards the rows are counted where
 * they landed: records, history versions, import keys, ledger deltas.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { credentialsLogin } from "@/tests/e2e/http-login";
import { freshDatabase } from "./fresh-database.mjs";
import { startServer } from "./server.mjs";

export const IMPORT_LIMIT_S = 10;
export const MEMORY_LIMIT_MIB = 512;
const PASSWORD = "bench import password 2026";
const EMAIL = "bench-import@lotse.example";

export interface ImportStep {
  name: string;
  path: string;
  rows: number;
  seconds: number;
  /** The largest resident set sampled during the request, MiB. */
  rssMiB: number;
  /** The server's peak resident set since it started, after the request, MiB. */
  peakMiB: number;
  status: number;
  /** Whether the step is judged against the 10 s limit. */
  judged: boolean;
}

export interface ImportResult {
  at: string;
  rows: number;
  clients: number;
  fileBytes: number;
  steps: ImportStep[];
  landed: { records: number; history: number; keys: number; deltas: number };
  peakMiB: number;
  /** The same sessions exported again (CSV, then XLSX) after the import's peak was read: not judged, their peaks are since start. */
  exports: { format: string; bytes: number; seconds: number; peakMiB: number }[];
  /** os.loadavg() before and after: the machine's other work, which every step feels. */
  loadAverage: { before: number[]; after: number[] };
  verdict: { time: boolean; memory: boolean; landed: boolean; pass: boolean };
}

const CHANNELS = ["in_person", "phone", "video", "email"];
const STAGES = ["initial", "follow_up"];
const TYPES = ["recognition", "job_training", "recognition_and_job_training"];
const NEXT = ["referred_recognition_authority", "referred_job_training", "referred_elsewhere", "no_further_action"];
const GENDERS = ["female", "male", "diverse", "not_stated"];

/** The clients the sessions name, in the import's English format. */
export function clientsCsv(n: number): string {
  const lines = ["Client reference,Gender,Year of birth,Country of qualification,Residence status"];
  for (let i = 0; i < n; i++) lines.push(`B-${i},${GENDERS[i % 4]},${1960 + (i % 40)},${["SY", "TR", "UA", "IN"][i % 4]},${i % 3 ? "third_country_permit" : "eu_eea_ch"}`);
  return lines.join("\r\n") + "\r\n";
}

/** `rows` advice sessions of those clients over the years 2022–2024 (a deterministic mix). */
export function sessionsCsv(rows: number, clients: number): string {
  const lines = ["Client reference,Date,Advice stage,Type of advice,Channel,Outcome / next step"];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2022, 0, 1) + ((i * 7919) % 1096) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`B-${(i * 31) % clients},${day},${STAGES[i % 2]},${TYPES[i % 3]},${CHANNELS[(i >> 1) % 4]},${NEXT[(i >> 2) % 4]}`);
  }
  return lines.join("\r\n") + "\r\n";
}

const mib = (kib: number) => kib / 1024;

function status(pid: number): { rss: number; hwm: number } {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0);
  return { rss: kib("VmRSS"), hwm: kib("VmHWM") };
}

/** The network's root (the migrations may have made it), a region, a subproject, a contact point, and its adviser. */
async function prepare(db: pg.Client): Promise<string> {
  const root = (await db.query(`select id from org_units where level = 'network'`)).rows[0]?.id ?? (await db.query(`insert into org_units (level, name, active_from) values ('network', 'Netzwerk IQ', '2019-01-01') returning id`)).rows[0].id;
  const region = (await db.query(`insert into org_units (level, parent_id, name, active_from) values ('region', $1, 'Region Bench', '2019-01-01') returning id`, [root])).rows[0].id;
  await db.query(`update org_units set region_id = $1 where id = $1`, [region]);
  const subproject = (
    await db.query(`insert into org_units (level, parent_id, region_id, name, provider, priority_area, active_from) values ('subproject', $1, $1, 'Beratung Bench', 'Träger', 'advice', '2019-01-01') returning id`, [region])
  ).rows[0].id;
  const contactPoint = (
    await db.query(`insert into org_units (level, parent_id, region_id, name, town, contact_point_kind, active_from) values ('contact_point', $1, $2, 'Anlaufstelle Bench', 'Musterstadt', 'permanent', '2019-01-01') returning id`, [
      subproject,
      region,
    ])
  ).rows[0].id;
  const user = (await db.query(`insert into users (email, name, role, password_hash) values ($1, 'Bench Adviser', 'adviser', $2) returning id`, [EMAIL, await hashPassword(PASSWORD)])).rows[0].id;
  await db.query(`insert into user_units (user_id, unit_id) values ($1, $2)`, [user, contactPoint]);
  return contactPoint as string;
}

export async function measureImport(options: { databaseUrl: string; rows: number; clients: number; log: (line: string) => void }): Promise<ImportResult> {
  const { rows, clients, log } = options;
  const database = await freshDatabase(options.databaseUrl, "lotse_bench_import");
  const server = await startServer("import", { DATABASE_URL: database.url, LOTSE_DEMO: "0" });
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  try {
    const contactPoint = await prepare(db);
    const { session } = await credentialsLogin(server.url, EMAIL, PASSWORD);
    if (!session) throw new Error("the bench adviser could not sign in");
    log(`app on ${server.url} (pid ${server.pid}, log: ${server.logFile}); ${rows.toLocaleString("en")} sessions of ${clients.toLocaleString("en")} clients`);

    const upload = async (name: string, path: string, text: string, n: number, judged: boolean): Promise<ImportStep> => {
      const form = new FormData();
      form.set("contactPointId", contactPoint);
      form.set("file", new Blob([text], { type: "text/csv" }), name === "clients" ? "clients.csv" : "sessions.csv");
      let rss = status(server.pid).rss;
      const sampler = setInterval(() => (rss = Math.max(rss, status(server.pid).rss)), 100);
      const started = performance.now();
      const response = await fetch(`${server.url}${path}`, { method: "POST", body: form, headers: { Cookie: session, Origin: server.url } });
      const body = await response.text();
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      const now = status(server.pid);
      const step = { name, path, rows: n, seconds, rssMiB: mib(Math.max(rss, now.rss)), peakMiB: mib(now.hwm), status: response.status, judged };
      log(`${name}: POST ${path} ${response.status} in ${seconds.toFixed(2)} s; RSS up to ${step.rssMiB.toFixed(0)} MiB, peak since start ${step.peakMiB.toFixed(0)} MiB`);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body.slice(0, 1000)}`);
      const report = JSON.parse(body) as { errorCount: number; rows: number };
      if (report.errorCount || report.rows !== n) throw new Error(`${path}: ${report.rows} rows read, ${report.errorCount} bad: ${body.slice(0, 1000)}`);
      return step;
    };

    const sessions = sessionsCsv(rows, clients);
    const before = loadavg();
    const steps = [
      await upload("clients", "/cases/import/run", clientsCsv(clients), clients, false),
      await upload("dry run", "/cases/import/check", sessions, rows, true),
      await upload("import", "/cases/import/run", sessions, rows, true),
    ];
    const count = async (q: string) => Number((await db.query(q, [contactPoint])).rows[0].n);
    const landed = {
      records: await count(`select count(*) as n from records where unit_id = $1 and kind = 'advice_session'`),
      history: await count(`select count(*) as n from history h join records r on r.id = h.subject_id where r.unit_id = $1 and h.subject_type = 'record'`),
      keys: await count(`select count(*) as n from import_keys where unit_id = $1 and kind = 'advice_session'`),
      deltas: await count(`select count(*) as n from figure_deltas where unit_id = $1 or record_id in (select id from records where unit_id = $1)`),
    };
    log(`landed: ${landed.records} records, ${landed.history} history versions, ${landed.keys} import keys, ${landed.deltas} ledger deltas`);
    const peakMiB = mib(status(server.pid).hwm);
    const exports: ImportResult["exports"] = [];
    for (const format of ["csv", "xlsx"]) {
      const started = performance.now();
      const response = await fetch(`${server.url}/cases/import/export?format=${format}&kind=advice_session&contactPointId=${contactPoint}`, { headers: { Cookie: session } });
      const bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`the ${format} export answered ${response.status}`);
      exports.push({ format, bytes, seconds: (performance.now() - started) / 1000, peakMiB: mib(status(server.pid).hwm) });
      log(`export ${format}: ${bytes.toLocaleString("en")} bytes in ${exports.at(-1)!.seconds.toFixed(2)} s; peak since start ${exports.at(-1)!.peakMiB.toFixed(0)} MiB`);
    }
    const time = steps.filter((s) => s.judged).every((s) => s.seconds <= IMPORT_LIMIT_S);
    const memory = peakMiB <= MEMORY_LIMIT_MIB;
    const landedOk = landed.records === rows && landed.history === rows && landed.keys === rows && landed.deltas >= rows;
    return {
      at: new Date().toISOString(),
      rows,
      clients,
      fileBytes: Buffer.byteLength(sessions),
      steps,
      landed,
      peakMiB,
      exports,
      loadAverage: { before, after: loadavg() },
      verdict: { time, memory, landed: landedOk, pass: time && memory && landedOk },
    };
  } finally {
    await db.end().catch(() => undefined);
    await server.stop();
    await database.drop().catch(() => undefined);
  }
}

export function importTable(r: ImportResult): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const rows = r.steps.map((s) =>
    line([
      `${s.name} (${s.rows.toLocaleString("en")} rows)`,
      s.seconds.toFixed(2),
      s.judged ? `≤ ${IMPORT_LIMIT_S}` : "(setup)",
      s.rssMiB.toFixed(0),
      s.judged ? (s.seconds <= IMPORT_LIMIT_S ? "met" : "MISSED") : "",
    ]),
  );
  return [
    line(["step", "seconds", "target", "server RSS during (MiB)", "time"]),
    line(["---", "---", "---", "---", "---"]),
    ...rows,
    line(["server peak memory (VmHWM)", "", `≤ ${MEMORY_LIMIT_MIB} MiB`, r.peakMiB.toFixed(0), r.verdict.memory ? "met" : "MISSED"]),
    ...r.exports.map((e) => line([`then the export, ${e.format} (${e.bytes.toLocaleString("en")} bytes)`, e.seconds.toFixed(2), "(not judged)", `${e.peakMiB.toFixed(0)} (peak since start)`, ""])),
    "",
    `(load average of the machine, 1 min: ${r.loadAverage.before[0].toFixed(1)} before, ${r.loadAverage.after[0].toFixed(1)} after; ` +
      `landed: ${r.landed.records.toLocaleString("en")} records, ${r.landed.history.toLocaleString("en")} history versions, ` +
      `${r.landed.keys.toLocaleString("en")} import keys, ${r.landed.deltas.toLocaleString("en")} ledger deltas)`,
  ].join("\n");
}
