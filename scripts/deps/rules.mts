import semver from "semver";

/**
 * The rules of `npm run deps:check` (quality target S8, docs/quality.md), apart from the registry:
 * every production dependency pinned to one exact version, and that version the
 * newest release of its range (what npm's caret allows: the same major, for 0.x
 * the same minor), so that no published fix is missing. Not failed, only listed:
 * a newer major (crossing it is a migration, done deliberately) and a newer
 * release that an installed package's peer requirement rules out, or that one of
 * this project's own dependencies rules out by depending on an exact version (the
 * parts of one tool, such as serwist and @serwist/turbopack, move together).
 */

export interface RegistryInfo {
  versions: string[];
  latest: string;
}

/** Requirements from package-lock.json: package → [the package asking, its range]. */
export type PinRequirements = Record<string, { by: string; range: string }[]>;

interface LockEntry {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Assessment {
  unpinned: { name: string; spec: string }[];
  behind: { name: string; pinned: string; newest: string }[];
  heldBack: { name: string; pinned: string; newest: string; by: string[] }[];
  newerMajor: { name: string; pinned: string; latest: string }[];
}

/** One exact version (1.2.3, 1.2.3-rc.1); ranges (^, ~, >=, x, *), tags and URLs are not. */
export function isExact(spec: string): boolean {
  return semver.valid(spec) !== null && semver.clean(spec) === spec;
}

/**
 * What holds a pin, by the package required: every peer requirement the lock file records, and
 * the exact versions that this project's own dependencies (those at the top of node_modules that
 * package.json names) depend on. A range another package depends on does not hold a pin: npm
 * gives that package a copy of its own.
 */
export function pinRequirements(lock: { packages?: Record<string, LockEntry> }): PinRequirements {
  const out: PinRequirements = {};
  const root = lock.packages?.[""] ?? {};
  const own = new Set([...Object.keys(root.dependencies ?? {}), ...Object.keys(root.devDependencies ?? {})]);
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const by = path.replace(/^.*node_modules\//, "");
    for (const [name, range] of Object.entries(entry.peerDependencies ?? {})) (out[name] ??= []).push({ by, range });
    if (path !== `node_modules/${by}` || !own.has(by)) continue;
    for (const [name, range] of Object.entries(entry.dependencies ?? {})) if (isExact(range)) (out[name] ??= []).push({ by, range });
  }
  return out;
}

/** What the check reports for `dependencies`, given each one's releases in the registry. */
export function assess(dependencies: Record<string, string>, registry: Record<string, RegistryInfo>, peers: PinRequirements = {}): Assessment {
  const result: Assessment = { unpinned: [], behind: [], heldBack: [], newerMajor: [] };
  for (const [name, pinned] of Object.entries(dependencies)) {
    if (!isExact(pinned)) {
      result.unpinned.push({ name, spec: pinned });
      continue;
    }
    const info = registry[name];
    if (!info) continue;
    const inRange = info.versions.filter((v) => semver.valid(v) && semver.satisfies(v, `^${pinned}`) && semver.gt(v, pinned));
    const requirements = (peers[name] ?? []).filter((p) => p.by !== name);
    const allowed = inRange.filter((v) => requirements.every((p) => semver.satisfies(v, p.range, { includePrerelease: true })));
    const newestAllowed = semver.maxSatisfying(allowed, "*");
    const newestInRange = semver.maxSatisfying(inRange, "*");
    if (newestAllowed) result.behind.push({ name, pinned, newest: newestAllowed });
    else if (newestInRange) {
      const by = requirements.filter((p) => !semver.satisfies(newestInRange, p.range, { includePrerelease: true })).map((p) => `${p.by} (${p.range})`);
      result.heldBack.push({ name, pinned, newest: newestInRange, by });
    }
    if (semver.valid(info.latest) && semver.gt(info.latest, pinned) && !semver.satisfies(info.latest, `^${pinned}`)) result.newerMajor.push({ name, pinned, latest: info.latest });
  }
  return result;
}

export function failed(assessment: Assessment): boolean {
  return assessment.unpinned.length > 0 || assessment.behind.length > 0;
}
