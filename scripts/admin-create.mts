/**
 * `npm run admin:create -- --email <e-mail> --name <name> [--generate]`: the
 * first admin account, where nobody can sign in yet to create one (production
 * never has demo accounts). The same rules as Administration → Users.
 *
 * The password is typed twice at a hidden prompt; with --generate, or when the
 * input is not a terminal, a strong one is generated and printed once.
 * The database is the app's: DATABASE_URL, else the embedded folder (PGLITE_DIR),
 * which the app must not be running on (it has exactly one owner).
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { closeDb, configureDatabase, getDb } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { databaseSettings, env, EnvError } from "@/lib/env";
import { adminInputErrors, createFirstAdmin, emailTaken } from "@/lib/users/first-admin";

const USAGE = "Usage: npm run admin:create -- --email <e-mail> --name <name> [--generate]";
// The command line's names for the fields, so that a refusal names what to change.
const OPTION_OF: Record<string, string> = { email: "--email", name: "--name", password: "password" };

class Refusal extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

function refuseFields(errors: Record<string, string[]>): never {
  throw new Refusal(Object.entries(errors).map(([field, messages]) => `${OPTION_OF[field] ?? field}: ${messages.join(" ")}`).join("\n"));
}

function options(): { email: string; name: string; generate: boolean } {
  let values;
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, generate: { type: "boolean", default: false } } }));
  } catch (error) {
    throw new Refusal(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const missing = (["email", "name"] as const).filter((k) => !values[k]?.trim());
  if (missing.length) throw new Refusal(`${missing.map((k) => `--${k} is required.`).join(" ")}\n${USAGE}`, 2);
  return { email: values.email!, name: values.name!, generate: values.generate };
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stdout.write(question);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") {
          finish();
          return resolve(value);
        }
        if (ch === "\u0003" || ch === "\u0004") {
          finish();
          return reject(new Refusal("Cancelled; nothing was created.", 130));
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding("utf8");
    input.resume();
    input.on("data", onData);
  });
}

async function typedPassword(email: string, name: string): Promise<string> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const password = await askHidden("Password: ");
    const errors = adminInputErrors({ email, name, password }, ["password"]);
    if (errors.password) {
      console.error(`password: ${errors.password.join(" ")}`);
      continue;
    }
    if ((await askHidden("Password again: ")) === password) return password;
    console.error("The two passwords differ.");
  }
  throw new Refusal("No acceptable password after three attempts; nothing was created.");
}

async function openDatabase(): Promise<void> {
  const settings = databaseSettings(env());
  const where = settings.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${settings.dir}`;
  configureDatabase(settings);
  try {
    await getDb();
    await migrateDatabase();
  } catch (error) {
    // The embedded server's own message says when the app owns the folder.
    throw new Refusal(`Cannot open ${where}: ${(error as Error).message}`);
  }
  console.info(`Database: ${where}, migrated.`);
}

async function main(): Promise<void> {
  const { email, name, generate } = options();
  const identity = adminInputErrors({ email, name }, ["email", "name"]);
  if (Object.keys(identity).length) refuseFields(identity);
  await openDatabase();
  if (await emailTaken(email)) throw new Refusal(`--email: an account with the e-mail ${email.trim().toLowerCase()} already exists; nothing was changed.`);

  const generated = generate || !process.stdin.isTTY;
  // 144 random bits: far past any guessing, and never a common password.
  const password = generated ? randomBytes(18).toString("base64url") : await typedPassword(email, name);
  const result = await createFirstAdmin({ email, name, password });
  if (!result.ok) {
    if (result.error.kind === "validation") refuseFields(result.error.fieldErrors);
    throw new Refusal(`The account could not be created (${result.error.kind}).`);
  }
  console.info(`Created the admin account ${result.value.email} (${result.value.name}).`);
  if (generated) console.info(`Password (shown only this once; store it safely): ${password}`);
}

async function run(): Promise<number> {
  try {
    await main();
    return 0;
  } catch (error) {
    const refused = error instanceof Refusal || error instanceof EnvError;
    console.error(refused ? error.message : error);
    return error instanceof Refusal ? error.exitCode : 1;
  }
}

const code = await run();
// closeDb waits for the embedded database's process to close the folder and release
// its lock, so that the app can start right after; that process is unref'd, so the
// event loop is kept alive meanwhile.
const alive = setInterval(() => undefined, 1000);
await closeDb().catch(() => undefined);
clearInterval(alive);
process.exit(code);
