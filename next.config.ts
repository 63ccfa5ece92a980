import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite runs in a child process (db/pglite-server.mjs); the app itself only speaks pg.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() answers 403 for pages a role may not open.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      // The Content-Security-Policy comes from proxy.ts: it carries a nonce per request.
      { source: "/:path*", headers: SECURITY_HEADERS },
      // Case pages show personal data: never kept in any cache.
      { source: "/cases/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};
export default nextConfig;
