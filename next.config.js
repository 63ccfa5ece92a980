// @ts-check
const production = process.env.NODE_ENV === "production";

/**
 * The fixed security headers, on every response, static files included. The
 * Content-Security-Policy is not here: it names a fresh nonce for each request, so
 * proxy.ts sets it (lib/security-headers.ts).
 */
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/**
 * Uploads (the import's files) pass the proxy whole up to this size: MAX_UPLOAD_BYTES of
 * lib/import/operations.ts, which lib/import/upload-limit.test.ts checks it against. Past Next's
 * default of 10 MB the route would get a cut-off body.
 */
const UPLOAD_BODY_LIMIT = 50 * 1024 * 1024 + 64 * 1024;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite runs in a child process (db/pglite-server.mjs); the app itself only speaks pg.
  // pino: loaded by node, so that scripts/server.mjs and the app share one logger.
  // esbuild: bundles the service worker at build time (app/serwist/[path]/route.ts).
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pg", "pino", "esbuild"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // forbidden() answers 403 for pages a role may not open.
    authInterrupts: true,
    // CI builds a clean clone once and throws it away: writing Turbopack's cache for a next build
    // that never comes cost it about a quarter of the build's time. Elsewhere the cache stays on.
    turbopackFileSystemCacheForBuild: !process.env.CI,
    proxyClientMaxBodySize: UPLOAD_BODY_LIMIT,
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Case pages show personal data: never kept in any cache.
      { source: "/cases/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};
module.exports = nextConfig;
