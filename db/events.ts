import { EventEmitter } from "node:events";

/**
 * What the database layer reports about its own health. db/ imports nothing from lib/,
 * so it only announces; lib/ turns these into log lines.
 */
export interface DatabaseEvents {
  /** Queries fail because the server (or the embedded process) cannot be reached. */
  lost: [error: Error];
  /** A query succeeded again after `lost`. */
  restored: [];
  /** The embedded database's process ended without being asked to. */
  "embedded-exit": [info: { code: number | null; signal: string | null }];
  /** A new embedded database process owns the folder and serves again. */
  "embedded-restarted": [info: { pid: number | undefined }];
  /** It could not be started again: the app stops right after, for its supervisor to restart it. */
  "embedded-failed": [info: { attempts: number; reason: string }];
}

// Route handlers, pages and instrumentation are separate bundles that may each load
// this module: the emitter lives on globalThis so that every listener hears every event.
const holder = globalThis as unknown as { __lotseDatabaseEvents?: EventEmitter<DatabaseEvents> };

export const databaseEvents: EventEmitter<DatabaseEvents> = (holder.__lotseDatabaseEvents ??= new EventEmitter<DatabaseEvents>());
