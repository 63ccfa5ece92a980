import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import pg from "pg";
import { expect } from "@playwright/test";
import { removeEmbeddedFolder } from "../helpers/embedded-folder";
import { DEMO, DEMO_PASSWORD } from "./fixtures";
import { credentialsLogin } from "./http-login";

/*
 * For a spec that runs the app as a server of its own (OwnServer) on a copy of the demo network
 * (tests/helpers/demo-database.ts), because it stops or kills it, and talks to it as an API client.
 */

export type OwnDatabase = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };

/** A fresh copy of the demo for this run's database kind (TEST_DATABASE_URL or PGlite); demo-copy.mts prints it last, after what a first seed logs. */
export function ownDemoCopy(name: string): OwnDatabase {
  const out = execFileSync(process.execPath, ["--import", "tsx", "tests/e2e/demo-copy.mts", name], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as OwnDatabase;
}

export async function dropOwnCopy(database: OwnDatabase): Promise<void> {
  if (database.kind === "pglite") {
    await removeEmbeddedFolder(dirname(database.dir), database.dir);
    return;
  }
  const copy = new URL(database.url).pathname.slice(1);
  const client = new pg.Client({ connectionString: Object.assign(new URL(database.url), { pathname: "/postgres" }).toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${copy}" with (force)`);
  } finally {
    await client.end();
  }
}

/** The same secrets for every start in a run, as a real deployment keeps them. */
const SECRETS = { auth: randomBytes(48).toString("base64"), pseudonym: randomBytes(48).toString("base64") };

/** The server's environment for the copy: as tests/e2e/serve.mts starts the shared one. */
export const ownServerEnv = (database: OwnDatabase): Record<string, string> =>
  database.kind === "postgres"
    ? { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRETS.auth, LOTSE_PSEUDONYM_SECRET: SECRETS.pseudonym }
    : { DATABASE_URL: "", PGLITE_DIR: database.dir };

export interface Caller {
  url: string;
  cookie: string;
}

/** The demo adviser, signed in through next-auth's form over HTTP. */
export async function signInAdviser(url: string): Promise<Caller> {
  const signedIn = await credentialsLogin(url, DEMO.adviser, DEMO_PASSWORD);
  expect(signedIn.error).toBeNull();
  return { url, cookie: signedIn.session! };
}

/** An own contact point of the adviser and one of its clients, through the API. */
export async function placeOfWork(caller: Caller): Promise<{ unitId: string; clientId: string }> {
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

/** An advice session of that client, as the JSON body of a create. */
export const sessionBody = (place: { unitId: string; clientId: string }) =>
  JSON.stringify({ ...place, occurredOn: "2026-03-02", channel: "phone", stage: "initial", adviceType: "recognition", nextStep: "no_further_action" });

export function createSession(caller: Caller, key: string, body: string): Promise<Response> {
  return fetch(`${caller.url}/api/v1/advice-sessions`, {
    method: "POST",
    headers: { Cookie: caller.cookie, Origin: caller.url, "Content-Type": "application/json", "Idempotency-Key": key },
    body,
    signal: AbortSignal.timeout(30_000),
  });
}
