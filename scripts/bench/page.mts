/**
 * Quality target P6 (docs/quality.md): the "log a session" page in Chromium, as a demo adviser,
 * with the renderer's CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), on the built app
 * served on localhost on a fresh copy of the demo network (the one the end-to-end tests use,
 * tests/helpers/demo-database.ts): PostgreSQL when the bench has DATABASE_URL, else the
 * embedded PGlite.
 *
 * Every load is a new browser context (empty cache, the adviser's session cookie only), so each
 * is a first visit. Per load: every JavaScript response (resource type "script") with its body
 * gzipped here (zlib level 6, the level of Next's own compression) and its transferred body size;
 * the largest contentful paint from a PerformanceObserver ('largest-contentful-paint', buffered)
 * installed before the page's own scripts, read once the network is idle.
 */
import { gzipSync } from "node:zlib";
import { loadavg } from "node:os";
import { chromium, type Browser, type BrowserContext, type Cookie } from "@playwright/test";
import pg from "pg";
import { demoCopy, type DemoCopy } from "@/tests/helpers/demo-database";
import { percentile } from "./measure.mjs";
import { startServer } from "./server.mjs";

export const PAGE_PATH = "/cases/records/advice-sessions/new";
export const PAGE_ACCOUNT = "beratung@lotse.example";
const PASSWORD = "lotse-demo-2019";
/** The floor: a few bytes of JSON from the same server, which Chromium shows as one line of text. */
const FLOOR_PATH = "/api/health";
export const CPU_THROTTLING = 4;
/** P6's marks. */
export const JS_LIMIT_BYTES = 200 * 1024;
export const LCP_LIMIT_MS = 1000;

export interface ScriptSize {
  url: string;
  /** The body as the browser got it, decoded. */
  bytes: number;
  /** That body gzipped here (level 6). */
  gzipped: number;
  /** The body's bytes on the wire (Chromium's responseBodySize), 0 when not known. */
  transferred: number;
  encoding: string | null;
}

export interface PageLoad {
  lcpMs: number | null;
  /** When the page's HTML began to arrive (navigation responseStart): the server's share of the paint. */
  ttfbMs: number;
  /** When the last byte of the HTML arrived (responseEnd): the page streams, its form after the shell. */
  htmlDoneMs: number;
  /** First contentful paint. */
  fcpMs: number | null;
  /** What the largest contentful paint was (tag, id or class, start of its text). */
  lcpElement: string | null;
  scripts: ScriptSize[];
}

export interface PageResult {
  at: string;
  path: string;
  account: string;
  database: "postgres" | "pglite";
  browser: string;
  cpuThrottling: number;
  loads: number;
  warmup: number;
  /** os.loadavg() before and after the loads: the machine's other work, which the LCP feels. */
  loadAverage: { before: number[]; after: number[] };
  js: { files: number; bytes: number; gzipped: number; transferred: number; compressedByServer: boolean; biggest: ScriptSize[] };
  /** Milliseconds; a load without a largest contentful paint counts as infinitely slow. */
  lcp: { p50: number; p95: number; min: number; max: number; samples: (number | null)[]; element: string | null };
  /** The server's answer (navigation responseStart) and the first contentful paint of the same loads, milliseconds. */
  ttfb: { p50: number; p95: number };
  htmlDone: { p50: number; p95: number };
  fcp: { p50: number; p95: number };
  /** The largest contentful paint of GET /api/health (one line of text) in the same browser, each before a load of the page. */
  floor: { p50: number; p95: number };
  verdict: { js: boolean; lcp: boolean; pass: boolean };
}

const LCP_OBSERVER = `
  window.__lcp = { time: null, element: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const e = entry.element;
      const what = e ? e.tagName.toLowerCase() + (e.id ? "#" + e.id : e.className ? "." + String(e.className).split(" ")[0] : "") + (e.textContent ? ' "' + e.textContent.trim().slice(0, 40) + '"' : "") : entry.url || null;
      window.__lcp = { time: entry.startTime, element: what };
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

async function loadOnce(browser: Browser, url: string, cookies: Cookie[]): Promise<PageLoad> {
  const path = new URL(url).pathname;
  const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: false });
  try {
    await context.addCookies(cookies);
    await context.addInitScript(LCP_OBSERVER);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLING });
    const pending: Promise<ScriptSize | null>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      pending.push(
        (async () => {
          const body = await response.body().catch(() => null);
          if (!body) return null;
          const sizes = await response.request().sizes().catch(() => null);
          const encoding = (await response.headerValue("content-encoding")) ?? null;
          return { url: response.url(), bytes: body.length, gzipped: gzipSync(body, { level: 6 }).length, transferred: sizes?.responseBodySize ?? 0, encoding };
        })(),
      );
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: 120_000 });
    if (!response?.ok() || new URL(page.url()).pathname !== path) {
      throw new Error(`${path} answered ${response?.status()} at ${page.url()}: is the adviser signed in?`);
    }
    await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => undefined);
    const lcp = await page.evaluate<{ time: number | null; element: string | null }>("window.__lcp");
    const { ttfb, htmlDone, fcp } = await page.evaluate<{ ttfb: number; htmlDone: number; fcp: number | null }>(
      `({ ttfb: performance.getEntriesByType("navigation")[0].responseStart, htmlDone: performance.getEntriesByType("navigation")[0].responseEnd, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null })`,
    );
    const scripts = (await Promise.all(pending)).filter((s): s is ScriptSize => s !== null);
    return { lcpMs: lcp.time, ttfbMs: ttfb, htmlDoneMs: htmlDone, fcpMs: fcp, lcpElement: lcp.element, scripts };
  } finally {
    await context.close();
  }
}

/** Signs the adviser in through the form once (a slow password check) and returns the session's cookies. */
async function signIn(browser: Browser, baseUrl: string): Promise<Cookie[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("E-Mail").fill(PAGE_ACCOUNT);
    await page.getByLabel("Passwort").fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL(/\/cases$/, { timeout: 60_000 });
    return await context.cookies();
  } finally {
    await context.close();
  }
}

/**
 * A copy of the demo network for the page: on the PostgreSQL server of `databaseUrl` (template
 * and copy named lotse_bench_page_demo_<key> and lotse_bench_page_copy_bench, beside an empty
 * lotse_bench_page the copies are made from), else a PGlite folder.
 */
async function demoDatabase(databaseUrl: string | undefined, log: (line: string) => void): Promise<{ copy: DemoCopy; env: Record<string, string> }> {
  const previous = process.env.TEST_DATABASE_URL;
  try {
    if (databaseUrl) {
      const base = "lotse_bench_page";
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        const exists = (await admin.query("select 1 from pg_database where datname = $1", [base])).rowCount === 1;
        if (!exists) await admin.query(`create database ${pg.escapeIdentifier(base)}`);
      } finally {
        await admin.end();
      }
      process.env.TEST_DATABASE_URL = Object.assign(new URL(databaseUrl), { pathname: `/${base}` }).toString();
    } else {
      delete process.env.TEST_DATABASE_URL;
    }
    log(`demo network on ${databaseUrl ? "PostgreSQL" : "PGlite"} (seeded once per version of db/ and lib/, then copied) …`);
    const copy = await demoCopy("bench");
    const env: Record<string, string> =
      copy.settings.kind === "postgres" ? { DATABASE_URL: copy.settings.url, LOTSE_DEMO: "0" } : { DATABASE_URL: "", PGLITE_DIR: copy.settings.dir, LOTSE_DEMO: "" };
    return { copy, env };
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = previous;
  }
}

export async function measurePage(options: { databaseUrl: string | undefined; loads: number; warmup: number; log: (line: string) => void }): Promise<PageResult> {
  const { databaseUrl, loads, warmup, log } = options;
  const { copy, env } = await demoDatabase(databaseUrl, log);
  const server = await startServer("page", env);
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    // Playwright names the page localhost, as a person would; the server listens on 127.0.0.1.
    const baseUrl = server.url;
    log(`app on ${baseUrl} (log: ${server.logFile}); Chromium ${browser.version()}, CPU ${CPU_THROTTLING}× slower; ${warmup} warm-up and ${loads} measured loads of ${PAGE_PATH}, each in a fresh context`);
    const cookies = await signIn(browser, baseUrl);
    const before = loadavg();
    for (let i = 0; i < warmup; i++) await loadOnce(browser, `${baseUrl}${PAGE_PATH}`, cookies);
    const measured: PageLoad[] = [];
    const floors: PageLoad[] = [];
    for (let i = 0; i < loads; i++) {
      // The floor between the page's loads, so that both feel the same moments of the machine.
      floors.push(await loadOnce(browser, `${baseUrl}${FLOOR_PATH}`, cookies));
      const load = await loadOnce(browser, `${baseUrl}${PAGE_PATH}`, cookies);
      const kb = load.scripts.reduce((s, x) => s + x.gzipped, 0) / 1024;
      log(
        `load ${i + 1}/${loads}: LCP ${load.lcpMs === null ? "none" : `${load.lcpMs.toFixed(0)} ms`} (${load.lcpElement ?? "?"}), ` +
          `HTML ${load.ttfbMs.toFixed(0)}–${load.htmlDoneMs.toFixed(0)} ms, FCP ${load.fcpMs?.toFixed(0) ?? "none"} ms, ${load.scripts.length} scripts, ${kb.toFixed(1)} KB gzipped`,
      );
      measured.push(load);
    }
    const after = loadavg();

    // The JavaScript of the load that fetched the most (they should all fetch the same).
    const heaviest = measured.reduce((a, b) => (b.scripts.reduce((s, x) => s + x.gzipped, 0) > a.scripts.reduce((s, x) => s + x.gzipped, 0) ? b : a));
    const sum = (f: (s: ScriptSize) => number) => heaviest.scripts.reduce((s, x) => s + f(x), 0);
    const js = {
      files: heaviest.scripts.length,
      bytes: sum((s) => s.bytes),
      gzipped: sum((s) => s.gzipped),
      transferred: sum((s) => s.transferred),
      compressedByServer: heaviest.scripts.length > 0 && heaviest.scripts.every((s) => s.encoding !== null),
      biggest: [...heaviest.scripts].sort((a, b) => b.gzipped - a.gzipped).slice(0, 8).map((s) => ({ ...s, url: new URL(s.url).pathname })),
    };
    const samples = measured.map((l) => l.lcpMs);
    const values = samples.map((x) => x ?? Number.POSITIVE_INFINITY);
    const lcp = { p50: percentile(values, 50), p95: percentile(values, 95), min: Math.min(...values), max: Math.max(...values) };
    const spread = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
    const ttfb = spread(measured.map((l) => l.ttfbMs));
    const htmlDone = spread(measured.map((l) => l.htmlDoneMs));
    const fcp = spread(measured.map((l) => l.fcpMs ?? Number.POSITIVE_INFINITY));
    const floor = spread(floors.map((l) => l.lcpMs ?? Number.POSITIVE_INFINITY));
    // Judged on the median: one visit's paint, the typical of several (as Lighthouse reports a run of
    // several); the p95 beside it shows how far the machine's other work spreads it.
    const lcpJudged = lcp.p50;
    const verdict = { js: js.gzipped <= JS_LIMIT_BYTES, lcp: lcpJudged <= LCP_LIMIT_MS, pass: false };
    verdict.pass = verdict.js && verdict.lcp;
    return {
      at: new Date().toISOString(),
      path: PAGE_PATH,
      account: PAGE_ACCOUNT,
      database: copy.settings.kind,
      browser: `Chromium ${browser.version()}`,
      cpuThrottling: CPU_THROTTLING,
      loads,
      warmup,
      loadAverage: { before, after },
      js,
      lcp: { ...lcp, samples, element: measured[measured.length - 1]?.lcpElement ?? null },
      ttfb,
      htmlDone,
      fcp,
      floor,
      verdict,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await copy.drop();
  }
}

const msOrNone = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "none");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The page's lines for the bench's output: a table like the figures' one, and the biggest scripts. */
export function pageTable(r: PageResult): string {
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(", ");
  const lines = [
    `Page ${r.path} as ${r.account} (demo network on ${r.database === "postgres" ? "PostgreSQL" : "PGlite"}), ${r.browser}, CPU throttled ${r.cpuThrottling}×, ` +
      `viewport 390×844; ${r.loads} loads after ${r.warmup} warm-up, each in a fresh browser context (empty cache). Load average ${load(r.loadAverage.before)} before, ${load(r.loadAverage.after)} after.`,
    "",
    "| measure | value | target | judged on | targets |",
    "| --- | --- | --- | --- | --- |",
    `| JavaScript, gzipped here (level 6) | ${kb(r.js.gzipped)} in ${r.js.files} files (${kb(r.js.bytes)} unpacked; ${kb(r.js.transferred)} transferred${r.js.compressedByServer ? ", compressed by the server" : ", NOT compressed by the server"}) | ≤ ${kb(JS_LIMIT_BYTES)} | the sum over the page's script responses | ${r.verdict.js ? "met" : "NOT MET"} |`,
    `| largest contentful paint | p50 ${msOrNone(r.lcp.p50)} ms, p95 ${msOrNone(r.lcp.p95)} ms (min ${msOrNone(r.lcp.min)}, max ${msOrNone(r.lcp.max)}) | ≤ ${LCP_LIMIT_MS} ms | the median of the loads | ${r.verdict.lcp ? "met" : "NOT MET"} |`,
    `| of which: the server's answer begins (TTFB) | p50 ${msOrNone(r.ttfb.p50)} ms, p95 ${msOrNone(r.ttfb.p95)} ms |  |  |  |`,
    `| of which: the page's HTML complete | p50 ${msOrNone(r.htmlDone.p50)} ms, p95 ${msOrNone(r.htmlDone.p95)} ms |  |  |  |`,
    `| first contentful paint | p50 ${msOrNone(r.fcp.p50)} ms, p95 ${msOrNone(r.fcp.p95)} ms |  |  |  |`,
    `| floor: largest contentful paint of GET ${FLOOR_PATH} | p50 ${msOrNone(r.floor.p50)} ms, p95 ${msOrNone(r.floor.p95)} ms |  |  |  |`,
    "",
    `(largest contentful paint: ${r.lcp.element ?? "none reported"}; biggest scripts, gzipped: ${r.js.biggest.map((s) => `${s.url.replace(/^\/_next\/static\/chunks\//, "")} ${kb(s.gzipped)}`).join(", ")})`,
  ];
  return lines.join("\n");
}
