import { execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { dirname } from "node:path";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD } from "./fixtures";
import { credentialsLogin } from "./http-login";
import { removeEmbeddedFolder } from "../helpers/embedded-folder";
import { OwnServer } from "./own-server";

/*
 * Quality target R3 (docs/quality.md), on both databases: the app's process is killed with SIGKILL
 * in the middle of a write load and started again on the same database. Every create that was
 * answered 201 is there afterwards, and sending each create of the load again with its
 * idempotency key gives one record per key: the acknowledged ones their first answer, the ones cut
 * off by the kill either the record they made or a new one, never a second.
 *
 * The app runs as a server of its own, on a copy of the demo network (tests/helpers/demo-database.ts),
 * because this test kills it. On PGlite the killed app leaves its embedded database's process
 * behind, which ends itself (db/pglite-watchdog.mjs) and hands the folder to the new app.
 */

/** Beside this run's own server (E2E_PORT): the two database runs side by side in CI each get their own. */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 60;
const WORKERS = 8;
/** Acknowledged creates before the kill: enough that some are in flight when it lands. */
const ACKNOWLEDGED_BEFORE_KILL = 40;

type Settings = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** A fresh copy of the demo for this run's database kind. */
function demoCopy(): Settings {
  const out = execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/demo-copy.mts", "crash"], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as Settings;
}

async function dropCopy(settings: Settings): Promise<void> {
  if (settings.kind === "pglite") {
    await removeEmbeddedFolder(dirname(settings.dir), settings.dir);
    return;
  }
  const copy = new URL(settings.url).pathname.slice(1);
  const client = new pg.Client({ connectionString: Object.assign(new URL(settings.url), { pathname: "/postgres" }).toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${copy}" with (force)`);
  } finally {
    await client.end();
  }
}

const serverEnv = (settings: Settings): Record<string, string> =>
  settings.kind === "postgres"
    ? { DATABASE_URL: settings.url, NEXTAUTH_SECRET: SECRETS.auth, LOTSE_PSEUDONYM_SECRET: SECRETS.pseudonym }
    : { DATABASE_URL: "", PGLITE_DIR: settings.dir };

/** The same secrets for both starts, as a real deployment keeps them. */
const SECRETS = { auth: randomBytes(48).toString("base64"), pseudonym: randomBytes(48).toString("base64") };

interface Sent {
  key: string;
  body: string;
  /** The record's id when the create was acknowledged (201), else null. */
  acknowledged: string | null;
}

interface Caller {
  url: string;
  cookie: string;
}

function create(caller: Caller, key: string, body: string): Promise<Response> {
  return fetch(`${caller.url}/api/v1/advice-sessions`, {
    method: "POST",
    headers: { Cookie: caller.cookie, Origin: caller.url, "Content-Type": "application/json", "Idempotency-Key": key },
    body,
    signal: AbortSignal.timeout(30_000),
  });
}

async function signIn(url: string): Promise<Caller> {
  const signedIn = await credentialsLogin(url, DEMO.adviser, DEMO_PASSWORD);
  expect(signedIn.error).toBeNull();
  return { url, cookie: signedIn.session! };
}

/** An own contact point of the adviser and one of its clients, through the API. */
async function placeOfWork(caller: Caller): Promise<{ unitId: string; clientId: string }> {
  const get = async (path: string) => {
    const response = await fetch(`${caller.url}${path}`, { headers: { Cookie: caller.cookie } });
    expect(response.status, path).toBe(200);
    return response.json();
  };
  const me = (await get("/api/v1/me")) as { units: { id: string; level: string }[] };
  const unitId = me.units.find((u) => u.level === "contact_point")!.id;
  const clients = (await get(`/api/v1/clients?pageSize=1&contactPointId=${unitId}`)) as { items: { id: string }[] };
  return { unitId, clientId: clients.items[0].id };
}

test("every create acknowledged before the app's process was killed is there after a restart, and no create is made twice", async () => {
  test.setTimeout(420_000);
  const settings = demoCopy();
  let server = new OwnServer(PORT, serverEnv(settings));
  try {
    await server.ready(180_000);
    const caller = await signIn(server.url);
    const { unitId, clientId } = await placeOfWork(caller);

    // The load: WORKERS creates at a time until the server is gone; the kill lands among them.
    const sent: Sent[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const entry: Sent = {
          key: randomUUID(),
          body: JSON.stringify({ unitId, clientId, occurredOn: "2026-03-02", channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" }),
          acknowledged: null,
        };
        sent.push(entry);
        try {
          const response = await create(caller, entry.key, entry.body);
          const answer = (await response.json()) as { id?: string };
          if (response.status === 201) entry.acknowledged = answer.id!;
          else expect(response.status, JSON.stringify(answer)).toBe(201);
        } catch (error) {
          // Only the kill may cut a request off.
          if (!killed) throw error;
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    await expect.poll(() => sent.filter((s) => s.acknowledged).length, { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    killed = true;
    await server.crash();
    await load;
    const acknowledged = sent.filter((s) => s.acknowledged);
    expect(acknowledged.length).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    // The kill cut requests off: it landed in the load, not after it.
    expect(sent.length).toBeGreaterThan(acknowledged.length);
    test.info().annotations.push({ type: "load", description: `${sent.length} creates sent, ${acknowledged.length} acknowledged before the kill` });

    server = new OwnServer(PORT, serverEnv(settings));
    await server.ready(180_000);
    const again = await signIn(server.url);
    // Every acknowledged create is there as answered.
    for (const entry of acknowledged) {
      const response = await fetch(`${server.url}/api/v1/advice-sessions/${entry.acknowledged}`, { headers: { Cookie: again.cookie } });
      expect(response.status, `record ${entry.acknowledged}`).toBe(200);
      expect(await response.json()).toMatchObject({ id: entry.acknowledged, unitId, clientId, occurredOn: "2026-03-02" });
    }
    // Each create sent again: the acknowledged ones get their first answer back; none makes a second record.
    const ids = new Set<string>();
    for (const entry of sent) {
      const response = await create(again, entry.key, entry.body);
      const answer = (await response.json()) as { id?: string };
      expect(response.status, JSON.stringify(answer)).toBe(201);
      if (entry.acknowledged) {
        expect(response.headers.get("idempotent-replayed")).toBe("true");
        expect(answer.id).toBe(entry.acknowledged);
      }
      ids.add(answer.id!);
    }
    expect(ids.size).toBe(sent.length);
  } finally {
    await server.stop();
    await dropCopy(settings);
  }
});
