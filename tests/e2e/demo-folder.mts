// Prints the folder of a fresh copy of the PGlite demo (tests/helpers/demo-database.ts) for a spec
// that serves the app on a folder of its own; the spec removes the copy when done. A separate
// process: the seed's modules load under tsx, not in Playwright's test loader.
import { demoCopy } from "../helpers/demo-database";

const demo = await demoCopy("unused");
if (demo.settings.kind !== "pglite") throw new Error("a demo folder exists on PGlite only: run without TEST_DATABASE_URL");
console.log(demo.settings.dir);
