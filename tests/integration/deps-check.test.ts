// @driver-independent: no database (README, Tests: run once).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assess, failed, isExact, pinRequirements } from "@/scripts/deps/rules.mjs";

const releases = (latest: string, ...versions: string[]) => ({ latest, versions: [...versions, latest] });

describe("npm run deps:check: its rules", () => {
  it("takes only one exact version as pinned", () => {
    for (const spec of ["1.2.3", "0.0.1", "19.3.1", "1.0.0-rc.1"]) expect(isExact(spec), spec).toBe(true);
    for (const spec of ["^1.2.3", "~1.2.3", ">=1.2.3", "1.2.x", "1.2", "*", "latest", "", "v1.2.3", "=1.2.3", " 1.2.3", "1.2.3 - 2.0.0", "github:owner/repo", "file:../x"]) {
      expect(isExact(spec), spec).toBe(false);
    }
  });

  it("fails a range or tag, naming the dependency", () => {
    const result = assess({ a: "^1.0.0", b: "1.0.0", c: "latest" }, {});
    expect(result.unpinned).toEqual([
      { name: "a", spec: "^1.0.0" },
      { name: "c", spec: "latest" },
    ]);
    expect(failed(result)).toBe(true);
  });

  it("fails a pin behind the newest release of its range; a newer major is only listed", () => {
    const result = assess(
      { current: "2.1.0", patch: "2.1.0", minor: "2.1.0", major: "2.1.0", zero: "0.5.14", prerelease: "2.1.0" },
      {
        current: releases("2.1.0", "1.9.0", "2.0.0"),
        patch: releases("2.1.1", "2.1.0"),
        minor: releases("2.2.0", "2.1.5"),
        major: releases("3.0.0", "2.1.0"),
        // For 0.x a minor is a major: 0.6.0 is outside ^0.5.14, 0.5.17 inside.
        zero: releases("0.6.0", "0.5.14", "0.5.17"),
        prerelease: releases("2.1.0", "2.2.0-beta.1"),
      },
    );
    expect(result.behind).toEqual([
      { name: "patch", pinned: "2.1.0", newest: "2.1.1" },
      { name: "minor", pinned: "2.1.0", newest: "2.2.0" },
      { name: "zero", pinned: "0.5.14", newest: "0.5.17" },
    ]);
    expect(result.newerMajor).toEqual([
      { name: "major", pinned: "2.1.0", latest: "3.0.0" },
      { name: "zero", pinned: "0.5.14", latest: "0.6.0" },
    ]);
    expect(failed(result)).toBe(true);
    expect(failed(assess({ current: "2.1.0", major: "2.1.0" }, { current: releases("2.1.0"), major: releases("3.0.0", "2.1.0") }))).toBe(false);
  });

  it("lets a pin stay where another package's peer requirement holds it, and says whose", () => {
    const lock = {
      packages: {
        "": {},
        "node_modules/db": {},
        "node_modules/db-socket": { peerDependencies: { db: "0.5.14" } },
        "node_modules/other/node_modules/db-tool": { peerDependencies: { db: ">=0.5.0" } },
      },
    };
    const peers = pinRequirements(lock);
    expect(peers).toEqual({ db: [{ by: "db-socket", range: "0.5.14" }, { by: "db-tool", range: ">=0.5.0" }] });
    const held = assess({ db: "0.5.14" }, { db: releases("0.5.17", "0.5.14") }, peers);
    expect(held.behind).toEqual([]);
    expect(held.heldBack).toEqual([{ name: "db", pinned: "0.5.14", newest: "0.5.17", by: ["db-socket (0.5.14)"] }]);
    expect(failed(held)).toBe(false);
    // A newer release the peers allow is still required.
    const loose = assess({ db: "0.5.14" }, { db: releases("0.5.17", "0.5.14", "0.5.15") }, { db: [{ by: "db-socket", range: "<=0.5.15" }] });
    expect(loose.behind).toEqual([{ name: "db", pinned: "0.5.14", newest: "0.5.15" }]);
  });

  it("lets a pin stay where one of this project's dependencies depends on exactly it; a range elsewhere holds nothing", () => {
    const lock = {
      packages: {
        "": { dependencies: { sw: "9.5.12", "sw-build": "9.5.12" } },
        "node_modules/sw": {},
        "node_modules/sw-build": { dependencies: { sw: "9.5.12", helper: "^1.0.0" } },
        // Not this project's own: npm would give it a copy of its own.
        "node_modules/tool": { dependencies: { sw: "9.5.12" } },
        "node_modules/other/node_modules/sw-build": { dependencies: { sw: "9.5.10" } },
      },
    };
    const requirements = pinRequirements(lock);
    expect(requirements).toEqual({ sw: [{ by: "sw-build", range: "9.5.12" }] });
    const held = assess({ sw: "9.5.12", "sw-build": "9.5.12" }, { sw: releases("9.5.13", "9.5.12"), "sw-build": releases("9.5.12") }, requirements);
    expect(held.behind).toEqual([]);
    expect(held.heldBack).toEqual([{ name: "sw", pinned: "9.5.12", newest: "9.5.13", by: ["sw-build (9.5.12)"] }]);
    expect(failed(held)).toBe(false);
  });

  it("finds every production dependency of this project pinned", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(assess(pkg.dependencies, {}).unpinned).toEqual([]);
  });
});
