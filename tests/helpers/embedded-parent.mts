// Stands in for the app in tests that kill the app: owns the embedded database of the folder
// in argv[2] through db/embedded.ts, prints the database process's pid as a JSON line, and
// runs until killed; with "long-query", inside a query that keeps the database busy for minutes.
import pg from "pg";
import { startEmbeddedServer } from "../../db/embedded";

const [dir, mode] = process.argv.slice(2);
const server = await startEmbeddedServer(dir);
console.log(JSON.stringify({ pid: server.child.pid }));
if (mode === "long-query") {
  const client = new pg.Client({ host: server.socketDir, port: 5432, user: "postgres", database: "postgres" });
  client.on("error", () => undefined);
  await client.connect();
  client.query("select pg_sleep(600)").catch(() => undefined);
  // Time for the query to reach the database process before the test kills this one.
  await new Promise((r) => setTimeout(r, 1000));
  console.log(JSON.stringify({ querying: true }));
}
setInterval(() => undefined, 60_000);
