import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OwnServer } from "./own-server";
import { createSession, dropOwnCopy, ownDemoCopy, ownServerEnv, placeOfWork, sessionBody, signInAdviser } from "./own-demo";

/*
 * A service manager stops the app by sending SIGTERM to its whole process group (systemd's
 * default; `kill -TERM -<pgid>`), the embedded database's process included. The app lets the
 * requests under way finish (scripts/server.mjs); the database must not leave under them, but stop
 * once the app has gone (db/pglite-server.mjs). Run only on PGlite (playwright.config.ts): on
 * PostgreSQL the database is no process of the app's.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100) + 62;
const WORKERS = 8;
/** Acknowledged creates before the stop: the load is running when it comes. */
const ACKNOWLEDGED_BEFORE_STOP = 20;

test("a SIGTERM to the app's process group lets the creates under way finish: no answer but 201, no lost database, a clean exit", async () => {
  test.setTimeout(300_000);
  const database = ownDemoCopy("stop");
  const server = new OwnServer(PORT, ownServerEnv(database));
  try {
    await server.ready(180_000);
    const caller = await signInAdviser(server.url);
    const body = sessionBody(await placeOfWork(caller));

    const answers: { status: number; body: string }[] = [];
    let stopping = false;
    const worker = async () => {
      while (!stopping) {
        try {
          const response = await createSession(caller, randomUUID(), body);
          answers.push({ status: response.status, body: await response.text() });
        } catch (error) {
          // A request sent after the server stopped listening is refused: only then.
          if (!stopping) throw error;
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, worker));
    await expect.poll(() => answers.length, { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_STOP);
    stopping = true;
    await server.stop();
    await load;

    for (const answer of answers) expect(answer.status, answer.body).toBe(201);
    const events = server.events();
    expect(events.filter((e) => e.event === "database.lost" || e.level === "error")).toEqual([]);
    expect(server.ended).toEqual({ code: 0, signal: null });
  } finally {
    await server.stop();
    await dropOwnCopy(database);
  }
});
