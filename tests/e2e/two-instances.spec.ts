// Quality target R8 (docs/quality.md): two app instances on one PostgreSQL behind a real reverse proxy (Debian's nginx)
// behave as one: logins, throttling, idempotency, sessions ending and reports. Runs in the
// PostgreSQL run of the suite only (playwright.config.ts), on a database of its own.
import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { Client } from "./instances/http";
import { PROXY_ADDRESS, startNginx, type Proxy } from "./instances/nginx";
import { OwnServer } from "./own-server";

interface Prepared {
  password: string;
  adviser: string;
  secondAdviser: string;
  coordinator: string;
  admin: string;
  victim: { id: string; email: string };
  clientId: string;
  contactPointId: string;
}

const BASE_PORT = Number(process.env.E2E_PORT ?? 3100) + 40;
let databaseUrl: string;
let data: Prepared;
let apps: OwnServer[] = [];
let proxy: Proxy;

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: "serial", timeout: 120_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const testUrl = new URL(process.env.TEST_DATABASE_URL!);
  const admin = new pg.Client({ connectionString: testUrl.toString() });
  await admin.connect();
  const name = `${testUrl.pathname.slice(1)}_instances`;
  if (!(await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
  databaseUrl = Object.assign(new URL(testUrl), { pathname: `/${name}` }).toString();
  data = JSON.parse(execFileSync("npx", ["tsx", "tests/e2e/instances/prepare.mts", databaseUrl], { encoding: "utf8" }).trim().split("\n").at(-1)!);

  const publicUrl = `http://${PROXY_ADDRESS}:${BASE_PORT}`;
  const env = {
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64"),
    LOTSE_PSEUDONYM_SECRET: randomBytes(48).toString("base64"),
    NEXTAUTH_URL: publicUrl,
    LOTSE_DEMO: "0",
    LOTSE_TRUSTED_PROXIES: PROXY_ADDRESS,
  };
  apps = [new OwnServer(BASE_PORT + 1, env), new OwnServer(BASE_PORT + 2, env)];
  await Promise.all(apps.map((app) => app.ready(120_000)));
  proxy = await startNginx(BASE_PORT, [BASE_PORT + 1, BASE_PORT + 2]);
  await expect.poll(async () => (await new Client().send(proxy.url, "/api/health").catch(() => null))?.status, { timeout: 20_000 }).toBe(200);
});

test.afterAll(async () => {
  proxy?.stop();
  await Promise.all(apps.map((a) => a.stop()));
});

test("the proxy spreads requests over both instances, and a login made through one holds on the other", async () => {
  const browser = new Client("127.0.0.3");
  expect(await browser.login(proxy.url, data.adviser, data.password)).toBe("ok");
  const upstreams = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const reply = await browser.send(proxy.url, "/api/v1/clients?pageSize=1");
    expect(reply.status).toBe(200);
    upstreams.add(String(reply.headers["x-upstream"]));
  }
  expect(upstreams.size).toBe(2);
  for (const app of apps) expect((await browser.send(app.url, "/api/v1/clients?pageSize=1")).status).toBe(200);
});

test("throttling counts the client's real address across both instances, never the one it claims", async () => {
  const spoofed = { "x-forwarded-for": "198.51.100.9" };
  const attacker = new Client("127.0.0.3");
  const outcomes: string[] = [];
  // One after another, so that round robin sends them to both instances in turn.
  for (let i = 0; i < 6; i++) outcomes.push(await attacker.login(proxy.url, data.victim.email, "wrong password entirely", spoofed));
  expect(outcomes.slice(0, 5)).toEqual(["failed", "failed", "failed", "failed", "failed"]);
  expect(outcomes[5]).toBe("throttled");
  expect(await new Client("127.0.0.3").login(proxy.url, data.victim.email, data.password, spoofed)).toBe("throttled");

  const keys = (await query<{ key: string }>("select key from login_failures")).map((r) => r.key);
  expect(keys.some((k) => k.includes("127.0.0.3"))).toBe(true);
  expect(keys.filter((k) => k.includes("198.51.100"))).toEqual([]);

  // The owner, elsewhere, is not locked out by the stranger's guesses.
  expect(await new Client("127.0.0.4").login(proxy.url, data.victim.email, data.password)).toBe("ok");
});

test("parallel guesses at both instances at once verify no more than the limit", async () => {
  const email = data.secondAdviser;
  const attempts = Array.from({ length: 12 }, (_, i) => new Client("127.0.0.5").login(apps[i % 2].url, email, `wrong password ${i}`));
  const outcomes = await Promise.all(attempts);
  expect(outcomes.filter((o) => o === "failed").length).toBeLessThanOrEqual(5);
  expect(outcomes.filter((o) => o === "ok")).toEqual([]);
});

test("the same create sent to both instances at once makes one record, and both answers name it", async () => {
  const browser = new Client("127.0.0.6");
  expect(await browser.login(proxy.url, data.adviser, data.password)).toBe("ok");
  const key = `instances-${randomUUID()}`;
  const body = JSON.stringify({
    occurredOn: "2019-05-14",
    unitId: data.contactPointId,
    clientId: data.clientId,
    channel: "in_person",
    stage: "initial",
    adviceType: "recognition",
    nextStep: "referred_recognition_authority",
  });
  const headers = { "content-type": "application/json", origin: `http://${PROXY_ADDRESS}:${BASE_PORT}`, "idempotency-key": key };
  const replies = await Promise.all(
    apps.flatMap((app) => [0, 1, 2].map(() => browser.send(app.url, "/api/v1/advice-sessions", { method: "POST", headers, body }))),
  );
  for (const reply of replies) expect(reply.status, reply.body).toBeLessThan(300);
  const ids = new Set(replies.map((r) => r.json<{ id: string }>().id));
  expect(ids.size).toBe(1);
  const [{ n }] = await query<{ n: number }>("select count(*)::int as n from records where id = $1", [[...ids][0]]);
  expect(n).toBe(1);
  const [{ keys }] = await query<{ keys: number }>("select count(*)::int as keys from idempotency_keys where key like $1", [`%${key}%`]);
  expect(keys).toBe(1);
});

test("a sign-out at one instance, or a deactivation, ends the session at the other", async () => {
  const browser = new Client("127.0.0.7");
  expect(await browser.login(apps[0].url, data.coordinator, data.password)).toBe("ok");
  const copy = browser.clone();
  expect((await copy.send(apps[1].url, "/api/v1/figures?from=2019-01-01&to=2019-12-31")).status).toBe(200);
  await browser.logout(apps[0].url);
  expect((await copy.send(apps[1].url, "/api/v1/figures?from=2019-01-01&to=2019-12-31")).status).toBe(401);

  const other = new Client("127.0.0.7");
  expect(await other.login(apps[1].url, data.admin, data.password)).toBe("ok");
  expect((await other.send(apps[0].url, "/api/v1/figures?from=2019-01-01&to=2019-12-31")).status).toBe(200);
  await query("update users set active = false where email = $1", [data.admin]);
  for (const app of apps) expect((await other.send(app.url, "/api/v1/figures?from=2019-01-01&to=2019-12-31")).status).toBe(401);
});

test("both instances give the same report", async () => {
  const browser = new Client("127.0.0.8");
  expect(await browser.login(proxy.url, data.coordinator, data.password)).toBe("ok");
  // One reference instant for both: left out, "asOf" would be the moment each instance answered.
  const path = `/api/v1/figures?from=2019-01-01&to=2019-12-31&asOf=${encodeURIComponent(new Date().toISOString())}`;
  const [a, b] = await Promise.all(apps.map((app) => browser.send(app.url, path)));
  expect(a.status).toBe(200);
  expect(a.json().figures["advice.initialSessions"]).toBeGreaterThanOrEqual(1);
  expect(b.json()).toEqual(a.json());
});
