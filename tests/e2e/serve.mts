// Serves the built app for the end-to-end tests on a fresh copy of the demo network, seeded once
// per database kind (tests/helpers/demo-database.ts): a PGlite folder of its own, or, with
// TEST_DATABASE_URL, a PostgreSQL database made from the demo template next to it.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { SERVER_NODE_OPTIONS } from "../../scripts/server-heap.mjs";
import { demoCopy } from "../helpers/demo-database";

const port = process.argv[2] ?? "3100";
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port, NEXTAUTH_URL: `http://localhost:${port}` };

const demo = await demoCopy(`e2e_${port}`);
if (demo.settings.kind === "postgres") {
  Object.assign(env, { DATABASE_URL: demo.settings.url, NEXTAUTH_SECRET: randomBytes(48).toString("base64"), LOTSE_PSEUDONYM_SECRET: randomBytes(48).toString("base64") });
} else {
  Object.assign(env, { DATABASE_URL: "", PGLITE_DIR: demo.settings.dir });
}

// The production entry, as `npm start` runs it after building.
const server = spawn(process.execPath, [...SERVER_NODE_OPTIONS, "scripts/server.mjs", "-p", port], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => {
  void demo.drop().finally(() => process.exit(code ?? 0));
});
