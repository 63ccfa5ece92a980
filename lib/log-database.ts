import { databaseEvents } from "@/db/events";
import { log } from "@/lib/log";

const holder = globalThis as unknown as { __lotseDatabaseLogging?: boolean };

/**
 * The database layer's announcements as log lines: an outage is one `database.lost` and one
 * `database.restored`, however many requests failed in between. Once per process.
 */
export function logDatabaseEvents(): void {
  if (holder.__lotseDatabaseLogging) return;
  holder.__lotseDatabaseLogging = true;
  let lostAt: number | null = null;
  databaseEvents.on("lost", (error) => {
    lostAt = Date.now();
    log.error("database.lost", { reason: error.message, code: (error as { code?: unknown }).code });
  });
  databaseEvents.on("restored", () => {
    log.info("database.restored", lostAt === null ? {} : { unavailableMs: Date.now() - lostAt });
    lostAt = null;
  });
  databaseEvents.on("embedded-exit", ({ code, signal }) => log.error("database.embedded_exit", { code, signal }));
  databaseEvents.on("embedded-restarted", ({ pid }) => log.info("database.embedded_restarted", { pid }));
  databaseEvents.on("embedded-failed", ({ attempts, reason }) =>
    log.error("database.embedded_failed", { attempts, reason, action: "stopping the app so that its supervisor starts it afresh" }),
  );
}
