// @ts-check
// Plain JavaScript: scripts/server.mjs logs through it directly under node, and lib/log.ts
// (the app's way to log) wraps it. Types in log-writer.d.mts.
import pino from "pino";
import { currentRequestId } from "./http/request-context.mjs";

// Every bundle that loads this module writes through the one logger of the process.
const holder = /** @type {{ __lotseLogger?: import("pino").Logger }} */ (globalThis);

/**
 * @param {import("pino").DestinationStream} destination
 * @returns {import("pino").Logger}
 */
function createLogger(destination) {
  return pino(
    {
      base: undefined,
      messageKey: "event",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.err },
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

function logger() {
  // Synchronous, in this thread: a line is out before the process can exit or crash.
  return (holder.__lotseLogger ??= createLogger(pino.destination({ fd: 1, sync: true })));
}

/**
 * Sends the lines somewhere else than stdout: the integration tests pass them to the
 * console, which vitest shows for failing tests only.
 * @param {import("pino").DestinationStream} destination
 */
export function setLogDestination(destination) {
  holder.__lotseLogger = createLogger(destination);
}

/**
 * Writes one JSON line: {"level","time",…fields,"requestId","event"}.
 * @param {"info" | "warn" | "error"} level
 * @param {string} event
 * @param {Record<string, unknown>} [fields]
 */
export function writeLog(level, event, fields = {}) {
  logger()[level](fields, event);
}
