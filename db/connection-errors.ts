// SQLSTATEs of a connection the server ended or refused (admin_shutdown, crash_shutdown,
// cannot_connect_now; class 08 is every connection exception), and the socket errors of a
// server that is gone.
const CONNECTION_CODES = new Set(["57P01", "57P02", "57P03", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

// What pg and pg-pool say when the socket closes, a connection attempt times out, or a
// query is sent on a connection that already broke.
const CONNECTION_MESSAGES = ["Connection terminated", "timeout exceeded when trying to connect", "Client has encountered a connection error"];

interface ErrorLike {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * Whether a query failed because the database cannot be reached, rather than because of the
 * query: those failures are one outage (logged once), not one error per request. Looks
 * through `cause` (drizzle wraps the driver's error) and AggregateError's `errors` (a host
 * name with several addresses).
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, syscall, message, cause, errors } = error as ErrorLike;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  // Any failure to open the socket, e.g. ENOENT for the embedded database's missing socket file.
  if (syscall === "connect") return true;
  if (typeof message === "string" && CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
  if (Array.isArray(errors) && errors.some((e) => isConnectionError(e, depth + 1))) return true;
  return isConnectionError(cause, depth + 1);
}
