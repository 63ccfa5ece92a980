import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDb, databaseKind, getDb } from "@/db/client";
import { startEmbeddedServer, stopEmbeddedServer } from "@/db/embedded";
import { auditLog, users } from "@/db/schema";
import { checkLogin } from "@/lib/auth/login";
import { scratchFolder } from "../helpers/scratch";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin:create -- …` as an operator runs it, on this run's database unless `env` says otherwise. */
function adminCreate(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(join("node_modules", ".bin", "tsx"), ["scripts/admin-create.mts", ...args], {
      env: { ...process.env, ...env },
      // Not a terminal: the script must not wait for a typed password.
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const TIMEOUT = 120_000;

describe("npm run admin:create (the first admin, from the command line)", () => {
  // The embedded folder has exactly one owner: this test process lets go of it while the script runs
  // (the next query reopens it). On PostgreSQL both just connect.
  const released = async () => {
    if (databaseKind() === "pglite") await closeDb();
  };
  const email = `first-admin-${randomUUID()}@example.org`;
  let first: Run;

  beforeAll(async () => {
    await released();
    first = await adminCreate(["--email", email.toUpperCase(), "--name", "Ada Admin", "--generate"]);
  }, TIMEOUT);

  it("creates an active admin who can sign in with the password it prints once", async () => {
    expect(first.code, first.stderr).toBe(0);
    const password = first.stdout.match(/^Password \(shown only this once; store it safely\): (\S+)$/m)?.[1];
    expect(password, first.stdout).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(20);

    const login = await checkLogin(email, password!, null);
    expect(login).toMatchObject({ ok: true, user: { email, name: "Ada Admin", role: "admin" } });
    const [user] = await (await getDb()).select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ role: "admin", active: true, regionId: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    // The audit trail has the creation, by the system (no signed-in actor).
    const entries = await (await getDb()).select().from(auditLog).where(and(eq(auditLog.action, "users.create"), eq(auditLog.subjectId, user.id)));
    expect(entries).toEqual([expect.objectContaining({ actorId: null, outcome: "ok", details: { via: "npm run admin:create" } })]);
  });

  it("refuses an e-mail that already has an account, changing nothing", { timeout: TIMEOUT }, async () => {
    const [before] = await (await getDb()).select().from(users).where(eq(users.email, email));
    await released();
    const again = await adminCreate(["--email", email, "--name", "Someone Else", "--generate"]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain(`--email: an account with the e-mail ${email} already exists; nothing was changed.`);
    expect(again.stdout).not.toMatch(/Password/);
    const [after] = await (await getDb()).select().from(users).where(eq(users.email, email));
    expect(after).toEqual(before);
  });

  it.each([
    [["--email", "not-an-address", "--name", "Ada"], "--email: Please enter a valid e-mail address."],
    [["--name", "Ada"], "--email is required."],
    [["--email", "ada@example.org", "--name", " "], "--name is required."],
    [["--email", "ada@example.org", "--name", "x".repeat(201)], "--name: At most 200 characters."],
  ])("refuses %j naming the option", { timeout: TIMEOUT }, async (args, message) => {
    const run = await adminCreate([...args, "--generate"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(message);
  });

  it("refuses an embedded folder the app owns, with the embedded server's own message", { timeout: TIMEOUT }, async () => {
    const dir = scratchFolder("admin-create");
    const owner = await startEmbeddedServer(dir);
    try {
      const run = await adminCreate(["--email", "ada@example.org", "--name", "Ada", "--generate"], { DATABASE_URL: "", PGLITE_DIR: dir });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(new RegExp(`Cannot open the embedded database in ${dir}: The embedded database folder \\S+ is already in use by process ${owner.child.pid}\\.`));
    } finally {
      await stopEmbeddedServer(owner);
    }
  });
});
