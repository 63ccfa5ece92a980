/**
 * `npm run deps:check`: every production dependency in package.json pinned to an
 * exact version and at the newest release of its range, asked of the npm
 * registry (scripts/deps/rules.mts says what counts; the requirements that hold a
 * pin back come from package-lock.json). Exits 1 listing the
 * offenders. Where `npm audit` answers, run it as well: this check knows no
 * advisories, only that no published fix is missing.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { assess, failed, pinRequirements, type RegistryInfo } from "./deps/rules.mjs";

const run = promisify(execFile);

async function registryInfo(name: string): Promise<RegistryInfo> {
  const { stdout } = await run("npm", ["view", name, "versions", "dist-tags", "--json"], { maxBuffer: 64 * 1024 * 1024 });
  const answer = JSON.parse(stdout) as { versions: string[] | string; "dist-tags": { latest: string } };
  return { versions: ([] as string[]).concat(answer.versions), latest: answer["dist-tags"].latest };
}

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies?: Record<string, string> };
const dependencies = pkg.dependencies ?? {};
const names = Object.keys(dependencies);
const registry: Record<string, RegistryInfo> = {};
const unreachable: string[] = [];
// A few at a time: one registry request per dependency.
for (let i = 0; i < names.length; i += 4) {
  await Promise.all(
    names.slice(i, i + 4).map(async (name) => {
      try {
        registry[name] = await registryInfo(name);
      } catch (error) {
        unreachable.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
      }
    }),
  );
}

const result = assess(dependencies, registry, pinRequirements(JSON.parse(readFileSync("package-lock.json", "utf8"))));
for (const { name, spec } of result.unpinned) console.info(`not pinned: ${name} "${spec}" (write one exact version)`);
for (const { name, pinned, newest } of result.behind) console.info(`behind: ${name} ${pinned}, newest of its range ${newest}`);
for (const { name, pinned, newest, by } of result.heldBack) console.info(`note: ${name} stays at ${pinned} (${newest} is out), as the requirements of ${by.join(", ")} say`);
for (const line of unreachable) console.info(`registry not answering for ${line}`);
for (const { name, pinned, latest } of result.newerMajor) console.info(`note: ${name} ${pinned}; a newer major is out: ${latest} (upgrade deliberately)`);
const bad = failed(result) || unreachable.length > 0;
console.info(bad ? "deps:check failed." : `deps:check: all ${names.length} production dependencies pinned and at the newest release of their range.`);
process.exit(bad ? 1 : 0);
