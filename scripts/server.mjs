// @ts-check
// Serves the built app (`npm start`, the end-to-end tests, the benchmark): Next.js's request
// handler behind an HTTP server of our own, which first settles who is asking. Next keeps a
// client-sent X-Forwarded-For; here it is replaced by the one address the socket and the
// declared proxies (LOTSE_TRUSTED_PROXIES) vouch for, and each request gets an id that every
// log line it causes carries.
//
//   node scripts/server.mjs [-p|--port <port>] [-H|--hostname <host>]   (default: PORT or 3000, every interface)
//
// It reads and sets process.env itself (PORT, LOTSE_TRUSTED_PROXIES, NODE_ENV) because it runs
// before Next.js and the app's bundle, where lib/env.ts lives, are loaded: plain Node, as `next start`.
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { format } from "node:util";
import { clientAddressOf, parseTrustedProxies } from "../lib/http/client-address.mjs";
import { isPrefetch, requestContext, requestIdFor } from "../lib/http/request-context.mjs";
import { writeLog } from "../lib/log-writer.mjs";
import { SERVER_HEAP_MIB, SERVER_NODE_OPTIONS } from "./server-heap.mjs";

// Headers a proxy sets about the original request; from anyone else they are made up.
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * @param {string} reason
 * @returns {never}
 */
function fail(reason) {
  writeLog("error", "server.start_failed", { reason });
  process.exit(1);
}

/** Next's own messages and Node's warnings become JSON lines like every other. */
function routeConsoleToLog() {
  /** @type {Array<["log" | "info" | "debug" | "warn" | "error", "info" | "warn" | "error"]>} */
  const levels = [["log", "info"], ["info", "info"], ["debug", "info"], ["warn", "warn"], ["error", "error"]];
  for (const [method, level] of levels) console[method] = (...args) => writeLog(level, "console", { message: format(...args) });
  process.removeAllListeners("warning");
  process.on("warning", (warning) => writeLog("warn", "process.warning", { name: warning.name, message: warning.message }));
}

/** @param {string[]} args */
function parseArguments(args) {
  /** @type {{ port: string | undefined; hostname: string | undefined }} */
  const parsed = { port: process.env.PORT || undefined, hostname: undefined };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const key = flag === "-p" || flag === "--port" ? "port" : flag === "-H" || flag === "--hostname" ? "hostname" : fail(`unknown argument "${args[i]}" (use -p <port> and -H <hostname>)`);
    const value = inline ?? args[++i];
    if (!value) fail(`${flag} needs a value`);
    parsed[key] = value;
  }
  const port = Number(parsed.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`port "${parsed.port}" (PORT or -p) is not a port number (0 to 65535)`);
  return { port, hostname: parsed.hostname };
}

routeConsoleToLog();
const { port, hostname } = parseArguments(process.argv.slice(2));
// The app's default NEXTAUTH_URL names this port (publishAuthUrl in lib/env.ts).
process.env.PORT = String(port);
/** @type {import("../lib/http/client-address.d.mts").TrustedProxies} */
let trusted;
try {
  trusted = parseTrustedProxies(process.env.LOTSE_TRUSTED_PROXIES);
} catch (error) {
  fail(`LOTSE_TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`);
}
// As `next start` does; React picks its production build when first loaded, so before Next.
process.env.NODE_ENV ||= "production";
const { default: next } = await import("next");

const dir = fileURLToPath(new URL("..", import.meta.url));
// quiet: Next's own error printing (a stack per failed request) is off; instrumentation.ts's
// onRequestError logs each unexpected error as one line instead.
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port, quiet: true });
const handle = app.getRequestHandler();
// Runs instrumentation.ts's register() (migrations, demo data, retention) before the first request.
await app.prepare();

const server = createServer((req, res) => {
  const peer = req.socket.remoteAddress;
  const viaProxy = trusted.trusts(peer);
  const client = clientAddressOf(peer, req.headers["x-forwarded-for"], trusted);
  // Overwritten, not appended to: Next and next-auth read the client from this header.
  if (client) req.headers["x-forwarded-for"] = client;
  else delete req.headers["x-forwarded-for"];
  if (!viaProxy) for (const name of PROXY_HEADERS) delete req.headers[name];
  const requestId = requestIdFor(req.headers["x-request-id"], viaProxy);
  req.headers["x-request-id"] = requestId;
  res.setHeader("X-Request-Id", requestId);
  requestContext.run({ requestId, prefetch: isPrefetch(req.headers) }, () => {
    handle(req, res).catch((error) => {
      writeLog("error", "server.request_failed", { method: req.method, url: req.url, error });
      if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
      else res.destroy();
    });
  });
});

server.on("error", (error) => fail(`cannot listen on ${hostname ?? "every interface"}, port ${port}: ${error.message}`));
server.listen(port, hostname, () => {
  const address = server.address();
  // The limit plus the young generation's few dozen MiB.
  const heapLimitMiB = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  writeLog("info", "server.listening", {
    port: typeof address === "object" && address ? address.port : port,
    hostname: hostname ?? null,
    trustedProxies: trusted.entries,
    heapLimitMiB,
  });
  if (heapLimitMiB > SERVER_HEAP_MIB * 1.5) {
    writeLog("warn", "server.heap_unlimited", { heapLimitMiB, expected: `node ${SERVER_NODE_OPTIONS.join(" ")} scripts/server.mjs (scripts/server-heap.mjs)` });
  }
});

let stopping = false;
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    writeLog("info", "server.stopping", { signal });
    // Requests under way may finish; idle keep-alive connections are closed at once.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
