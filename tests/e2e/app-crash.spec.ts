import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OwnServer } from "./own-server";
import { createSession, dropOwnCopy, ownDemoCopy, ownServerEnv, placeOfWork, sessionBody, signInAdviser } from "./own-demo";

/*
 * Quality target R3 (docs/quality.md), on both databases: the app's process is killed with SIGKILL
 * in the middle of a write load and started again on the same database. Every create that was
 * answered 201 is there afterwards, and sending each create of the load again with its
 * idempotency key gives one record per key: the acknowledged ones their first answer, the ones cut
 * off by the kill either the record they made or a new one, never a second.
 *
 * The app runs as a server of its own, on a copy of the demo network, because this test kills it.
 * On PGlite the killed app leaves its embedded database's process behind, which ends itself
 * (db/pglite-watchdog.mjs) and hands the folder to the new app.
 */

/** Beside this run's own server (E2E_PORT): the two database runs side by side in CI each get their own. */
const PORT = Number(process.env.E2E_PORT ?? 3100) + 60;
const WORKERS = 8;
/** Acknowledged creates before the kill: enough that some are in flight when it lands. */
const ACKNOWLEDGED_BEFORE_KILL = 40;

interface Sent {
  key: string;
  /** The record's id when the create was acknowledged (201), else null. */
  acknowledged: string | null;
}

test("every create acknowledged before the app's process was killed is there after a restart, and no create is made twice", async () => {
  test.setTimeout(420_000);
  const database = ownDemoCopy("crash");
  let server = new OwnServer(PORT, ownServerEnv(database));
  try {
    await server.ready(180_000);
    const caller = await signInAdviser(server.url);
    const place = await placeOfWork(caller);
    const body = sessionBody(place);

    // The load: WORKERS creates at a time until the server is gone; the kill lands among them.
    const sent: Sent[] = [];
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const entry: Sent = { key: randomUUID(), acknowledged: null };
        sent.push(entry);
        try {
          const response = await createSession(caller, entry.key, body);
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

    server = new OwnServer(PORT, ownServerEnv(database));
    await server.ready(180_000);
    const again = await signInAdviser(server.url);
    // Every acknowledged create is there as answered.
    for (const entry of acknowledged) {
      const response = await fetch(`${server.url}/api/v1/advice-sessions/${entry.acknowledged}`, { headers: { Cookie: again.cookie } });
      expect(response.status, `record ${entry.acknowledged}`).toBe(200);
      expect(await response.json()).toMatchObject({ id: entry.acknowledged, ...place, occurredOn: "2026-03-02" });
    }
    // Each create sent again: the acknowledged ones get their first answer back; none makes a second record.
    const ids = new Set<string>();
    for (const entry of sent) {
      const response = await createSession(again, entry.key, body);
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
    await dropOwnCopy(database);
  }
});
