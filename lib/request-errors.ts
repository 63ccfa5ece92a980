import type { Instrumentation } from "next";
import { isConnectionError } from "@/db/connection-errors";
import { log } from "@/lib/log";

/**
 * What a page, server action or route handler threw, as one log line with its stack (Next's
 * own printing is off: scripts/server.mjs starts it quiet). The digest is what the error page
 * shows the user. An unreachable database is logged once per outage (database.lost) instead.
 */
export const logRequestError: Instrumentation.onRequestError = (error, request, context) => {
  if (isConnectionError(error)) return;
  const header = request.headers["x-request-id"];
  log.error("request.failed", {
    method: request.method,
    path: request.path,
    routeType: context.routeType,
    routePath: context.routePath,
    digest: (error as { digest?: unknown } | null)?.digest,
    error,
    // The server's id, also when the error surfaced outside the request's async context.
    ...(typeof header === "string" ? { requestId: header } : {}),
  });
};
