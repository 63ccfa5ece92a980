import { writeLog } from "./log-writer.mjs";

type Fields = Record<string, unknown>;

/**
 * The server's log: one JSON line per event on stdout, e.g.
 * {"level":"warn","time":"…","address":"10.0.0.7","requestId":"…","event":"auth.login_failed"}.
 * Events are dotted names (`area.what_happened`); an error goes in the `error` field, which
 * is written with its message and stack.
 */
export const log = {
  info: (event: string, fields?: Fields) => writeLog("info", event, fields),
  warn: (event: string, fields?: Fields) => writeLog("warn", event, fields),
  error: (event: string, fields?: Fields) => writeLog("error", event, fields),
};
