// Runs in the PostgreSQL run of the suite only (playwright.config.ts selects it): it needs a
// PostgreSQL server to put a relay in front of.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { hashToken } from "@/lib/api/tokens";
import { hashPassword } from "@/lib/auth/password";
import { cookiesOf, credentialsLogin, send } from "./http-login";
import { OwnServer } from "./own-server";
import { TcpProxy } from "./tcp-proxy";

const PORT = 3212;
const ANSWER_WITHIN_MS = 5_000; // quality target R4 (docs/quality.md): requests fail fast

const testUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/lotse_test");
const database = `${testUrl.pathname.slice(1)}_loss`;
const adminUrl = Object.assign(new URL(testUrl), { pathname: "/postgres" }).toString();
const directUrl = Object.assign(new URL(testUrl), { pathname: `/${database}` }).toString();

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const EMAIL = "loss@lotse.example";
const PASSWORD = "a long password for the loss test";

/** A network coordinator with a password and an API token, written as the admin pages would (only hashes are kept). */
async function issueToken(): Promise<string> {
  const passwordHash = await hashPassword(PASSWORD);
  return withClient(directUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `insert into users (email, name, role, password_hash) values ($1, 'Loss Test', 'network_coordinator', $2) returning id`,
      [EMAIL, passwordHash],
    );
    const token = `lotse_${randomBytes(32).toString("base64url")}`;
    await client.query(`insert into api_tokens (user_id, name, token_hash, created_by) values ($1, 'loss', $2, $1)`, [rows[0].id, hashToken(token)]);
    return token;
  });
}

interface Outcome {
  path: string;
  status: number;
  ms: number;
  kind?: string;
}

async function request(server: OwnServer, path: string, token: string): Promise<Outcome> {
  const started = Date.now();
  const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  const body = (await response.json()) as { status?: string; error?: { kind?: string } };
  return { path, status: response.status, ms: Date.now() - started, kind: body.error?.kind ?? body.status };
}

const HEALTH = "/api/health";
const FIGURES = "/api/v1/figures?from=2019-01-01&to=2019-12-31";

/** Requests, a few at a time, for `ms` milliseconds. */
async function drive(server: OwnServer, token: string, ms: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) outcomes.push(...(await Promise.all([HEALTH, FIGURES, HEALTH, FIGURES].map((p) => request(server, p, token)))));
  return outcomes;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = (server: OwnServer, event: string) => server.events().filter((e) => e.event === event).length;

/** Who the session cookie stands for, and whether the answer clears the cookie. */
async function session(server: OwnServer, cookie: string) {
  const answer = await send(server.url, "GET", "/api/auth/session", { headers: { Cookie: cookie } });
  const body = JSON.parse(answer.body) as { user?: { email?: string } };
  return { email: body.user?.email ?? null, cleared: cookiesOf(answer).some((c) => /session-token=$/.test(c)) };
}

test("a lost and a restored PostgreSQL are one log line each; requests answer 503 quickly meanwhile and succeed afterwards", async () => {
  test.setTimeout(240_000);
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists ${database} with (force)`);
    await c.query(`create database ${database}`);
  });
  const proxy = new TcpProxy(testUrl.hostname, Number(testUrl.port || 5432));
  await proxy.open();
  const appUrl = Object.assign(new URL(directUrl), { host: `127.0.0.1:${proxy.port}` }).toString();
  const server = new OwnServer(PORT, {
    NODE_ENV: "production",
    DATABASE_URL: appUrl,
    NEXTAUTH_SECRET: randomBytes(48).toString("base64"),
    LOTSE_PSEUDONYM_SECRET: randomBytes(48).toString("base64"),
    LOTSE_DEMO: "0",
    DATABASE_POOL_SIZE: "4",
  });
  try {
    await server.ready(150_000);
    const token = await issueToken();
    const signedIn = await credentialsLogin(server.url, EMAIL, PASSWORD);
    expect(signedIn.error).toBeNull();
    const cookie = signedIn.session!;
    expect(await session(server, cookie)).toEqual({ email: EMAIL, cleared: false });
    for (const outcome of await drive(server, token, 500)) expect(outcome, outcome.path).toMatchObject({ status: 200 });
    expect(count(server, "database.lost")).toBe(0);

    // 1. PostgreSQL ends the app's connections (57P01, as at a restart), some in the middle of a request.
    const load = drive(server, token, 3_000);
    await new Promise((r) => setTimeout(r, 300));
    const terminated = await withClient(adminUrl, (c) =>
      c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [database]),
    );
    expect(terminated.rowCount).toBeGreaterThan(0);
    for (const outcome of await load) {
      expect([200, 503], `${outcome.path} answered ${outcome.status}`).toContain(outcome.status);
      expect(outcome.ms, `${outcome.path} took ${outcome.ms} ms`).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
    }
    await until("health 200 after the terminated connections", async () => ((await request(server, HEALTH, token)).status === 200 ? true : undefined));
    await until("database.restored", async () => {
      await request(server, HEALTH, token);
      return count(server, "database.restored") === 1 ? true : undefined;
    });
    expect(count(server, "database.lost")).toBe(1);

    // 2. The database cannot be reached at all for a few seconds.
    await proxy.cut();
    const outage = await drive(server, token, 4_000);
    expect(outage.length).toBeGreaterThan(4);
    for (const outcome of outage) {
      expect(outcome, `${outcome.path} during the outage`).toMatchObject({ status: 503, kind: "unavailable" });
      expect(outcome.ms, `${outcome.path} took ${outcome.ms} ms`).toBeLessThanOrEqual(ANSWER_WITHIN_MS);
    }
    expect(count(server, "database.lost")).toBe(2);
    // Nobody is signed out because the database is away.
    expect((await session(server, cookie)).cleared).toBe(false);
    await proxy.open();
    await until("health 200 after the outage, without a restart", async () => ((await request(server, HEALTH, token)).status === 200 ? true : undefined));
    expect(await request(server, FIGURES, token)).toMatchObject({ status: 200 });
    await until("the second database.restored", async () => (count(server, "database.restored") === 2 ? true : undefined));
    for (const outcome of await drive(server, token, 500)) expect(outcome, outcome.path).toMatchObject({ status: 200 });
    expect(await session(server, cookie)).toEqual({ email: EMAIL, cleared: false });
  } finally {
    await server.stop();
    await test.info().attach("server output", { body: [...server.stdout, ...server.stderr].join("\n"), contentType: "text/plain" });
    await proxy.cut();
    await withClient(adminUrl, (c) => c.query(`drop database if exists ${database} with (force)`));
  }

  // Every line is one JSON event; the only errors are the two outages, without a stack.
  const events = server.events();
  expect(server.stderr).toEqual([]);
  expect(events.filter((e) => e.event === "database.lost")).toHaveLength(2);
  expect(events.filter((e) => e.event === "database.restored")).toHaveLength(2);
  expect(events.filter((e) => e.level === "error" && e.event !== "database.lost")).toEqual([]);
  expect(server.stdout.filter((line) => /uncaught|\\n\s+at /i.test(line))).toEqual([]);
});
