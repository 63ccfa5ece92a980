// Serves the built app for the end-to-end tests on an empty database:
// a fresh PGlite folder (the server seeds the demo network itself), or, with
// TEST_DATABASE_URL, the emptied PostgreSQL database seeded here before start.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetPostgres } from "../helpers/reset";

const port = process.argv[2] ?? "3100";
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NEXTAUTH_URL: `http://localhost:${port}` };

if (process.env.TEST_DATABASE_URL) {
  await resetPostgres(process.env.TEST_DATABASE_URL);
  const { getDb, closeDb, configureDatabase } = await import("../../db/client");
  configureDatabase({ kind: "postgres", url: process.env.TEST_DATABASE_URL, poolSize: 2 });
  const { migrateDatabase } = await import("../../db/migrate");
  const { seedDemo } = await import("../../db/seed/demo");
  await migrateDatabase();
  await seedDemo(await getDb());
  await closeDb();
  Object.assign(env, { DATABASE_URL: process.env.TEST_DATABASE_URL, NEXTAUTH_SECRET: randomBytes(48).toString("base64") });
} else {
  Object.assign(env, { DATABASE_URL: "", PGLITE_DIR: join(mkdtempSync(join(tmpdir(), "lotse-e2e-")), "pglite") });
}

// The production entry, as `npm start` runs it after building.
const server = spawn(process.execPath, ["scripts/server.mjs", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
