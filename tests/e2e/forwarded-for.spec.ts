import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { THROTTLE } from "@/lib/auth/throttle";
import { DEMO, DEMO_PASSWORD } from "./fixtures";
import { credentialsLogin } from "./http-login";

// This machine, but not 127.0.0.1: the failures below use up the address limit of 127.0.0.2,
// so that the other specs' logins (from 127.0.0.1) are not throttled.
const FROM = "127.0.0.2";

async function login(origin: string, email: string, password: string, forwardedFor: string) {
  const { error, session } = await credentialsLogin(origin, email, password, { localAddress: FROM, headers: { "X-Forwarded-For": forwardedFor } });
  return { error, signedIn: session !== null };
}

test("a client-sent X-Forwarded-For is ignored: the address limit holds and made-up addresses are never stored", async ({ baseURL }) => {
  test.setTimeout(180_000);
  // 127.0.0.1, not "localhost" (which may be ::1, unreachable from 127.0.0.2).
  const origin = `http://127.0.0.1:${new URL(baseURL!).port}`;
  // Each failure claims another address; all of them come from one machine.
  for (let i = 0; i < THROTTLE.perAddress; i++) {
    const attempt = await login(origin, `nobody-${randomUUID()}@lotse.example`, "not the password", `198.51.100.${i + 1}`);
    expect(attempt, `failure ${i + 1}`).toEqual({ error: "CredentialsSignin", signedIn: false });
  }
  // The right password, from a "fresh" address: still this machine, which has used up its attempts.
  expect(await login(origin, DEMO.regional, DEMO_PASSWORD, "203.0.113.7")).toEqual({ error: "throttled", signedIn: false });

  // On PostgreSQL the test can look into the table too (a PGlite folder belongs to the server alone).
  if (process.env.TEST_DATABASE_URL) {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ key: string }>(`select key from login_failures where key like '%203.0.113.%' or key like '%198.51.100.%'`);
      expect(rows).toEqual([]);
    } finally {
      await client.end();
    }
  }
});

test("every answer names its request with an id of the server's own, not one the client sent", async ({ request }) => {
  const ids = new Set<string>();
  for (const path of ["/api/health", "/login", "/api/v1/clients"]) {
    const response = await request.get(path, { headers: { "X-Request-Id": "chosen-by-the-client" } });
    const id = response.headers()["x-request-id"];
    expect(id, path).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    ids.add(id);
  }
  expect(ids.size).toBe(3);
});
