// Prints, as the last line, where a fresh copy of the demo network is (tests/helpers/demo-database.ts):
// {"kind":"pglite","dir":...} or, with TEST_DATABASE_URL, {"kind":"postgres","url":...}, for a spec
// that serves the app on a database of its own. The spec removes the copy when done. A separate
// process: the seed's modules load under tsx, not in Playwright's test loader.
import { demoCopy } from "../helpers/demo-database";

const demo = await demoCopy(process.argv[2] ?? "own");
console.log(JSON.stringify(demo.settings));
