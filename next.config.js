// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite runs in a child process (db/pglite-server.mjs); the app itself only speaks pg.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@node-rs/argon2", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() answers 403 for pages a role may not open.
  experimental: { authInterrupts: true },
};
module.exports = nextConfig;
