import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { consentPurposeOf, DEMO, login } from "./fixtures";
import { dropOwnCopy, ownDemoCopy } from "./own-demo";

/*
 * Quality target R9 (docs/quality.md) against the built app (run only on PGlite: playwright.config.ts): the embedded
 * database's process is killed with SIGKILL, the app answers /api/health with 200 again within
 * 10 s without being restarted, and a record saved before the kill is still there. The app runs
 * as a server of its own here, on its own copy of the demo folder (seeded once per run,
 * tests/helpers/demo-database.ts), because this test kills its database.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** Serves the built app on `port` with the embedded database in `pgliteDir`: the one place that knows how the app is started. */
function serveApp(port: number, pgliteDir: string): ChildProcess {
  const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  return spawn(process.execPath, [nextBin, "start", "-p", String(port)], {
    env: { ...process.env, PORT: String(port), NEXTAUTH_URL: `http://localhost:${port}`, DATABASE_URL: "", PGLITE_DIR: pgliteDir },
    // Its own process group: `next start` leaves its server child running when killed alone.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function stopApp(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const ended = once(app, "exit");
  process.kill(-app.pid!, "SIGTERM");
  const timer = setTimeout(() => process.kill(-app.pid!, "SIGKILL"), 10_000);
  await ended;
  clearTimeout(timer);
}

async function healthStatus(origin: string): Promise<number> {
  try {
    return (await fetch(`${origin}/api/health`)).status;
  } catch {
    return 0;
  }
}

async function waitForHealth(origin: string, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await healthStatus(origin)) !== 200) {
    if (Date.now() > deadline) throw new Error(`${what}: /api/health did not answer 200 within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The embedded database's process, as its lock file names it. */
function databasePid(pgliteDir: string): number {
  return JSON.parse(readFileSync(join(pgliteDir, "lotse-owner.lock"), "utf8")).pid;
}

test("the app is healthy again within 10 s of its embedded database being killed, with the saved record kept", async ({ browser }) => {
  test.setTimeout(300_000);
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const database = ownDemoCopy("recovery");
  if (database.kind !== "pglite") throw new Error("the embedded database's recovery runs on PGlite only (playwright.config.ts)");
  const pgliteDir = database.dir;
  const app = serveApp(port, pgliteDir);
  let log = "";
  app.stdout!.on("data", (chunk) => (log += chunk));
  app.stderr!.on("data", (chunk) => (log += chunk));
  try {
    await waitForHealth(origin, 180_000, `the app on port ${port} starting\n${log}`);

    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    await login(page, DEMO.adviser);
    // The server is this test's own and has just started: its first pages render cold, on a
    // machine running the other suite beside this one (it took longer than 5 s once in CI).
    await expect(page).toHaveURL(/\/cases$/, { timeout: 30_000 });
    const headers = { origin };
    const unitId: string = (await (await page.request.get("/api/v1/advice-sessions?pageSize=1")).json()).items[0].unitId;
    const fullName = `Recovery ${Date.now()}`;
    const created = await page.request.post("/api/v1/clients", {
      headers,
      data: { idempotencyKey: `recovery-${Date.now()}`, contactPointId: unitId, gender: "female", residenceStatus: "third_country_permit", fullName, consentGivenOn: "2026-01-15", consentPurposeId: await consentPurposeOf(page.request) },
    });
    expect(created.status()).toBe(201);
    const clientId: string = (await created.json()).id;

    const killed = databasePid(pgliteDir);
    process.kill(killed, "SIGKILL");
    await waitForHealth(origin, 10_000, `the app recovering from the kill\n${log}`);
    expect(databasePid(pgliteDir)).not.toBe(killed);

    const read = await page.request.get(`/api/v1/clients/${clientId}`);
    expect(read.status()).toBe(200);
    expect((await read.json()).client).toMatchObject({ id: clientId, fullName });
    await context.close();
  } finally {
    await stopApp(app);
    await dropOwnCopy(database);
  }
});
