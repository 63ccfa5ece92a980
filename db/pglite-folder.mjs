// The embedded database's folder, as its process finds it before PGlite opens it: checked
// (PGlite fails obscurely on a folder that keeps nothing, and Node's recursive mkdir spins
// forever under /proc) and claimed, because exactly one process may own it: two writers
// corrupt it beyond repair.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  statfsSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";

const LOCK_NAME = "lotse-owner.lock";
const SERVER_SCRIPT = "pglite-server.mjs";

// Kernel interfaces that look like folders but keep no files (statfs f_type).
const VIRTUAL_FILE_SYSTEMS = new Map([
  [0x9fa0, "proc"],
  [0x62656572, "sysfs"],
  [0x27e0eb, "cgroup"],
  [0x63677270, "cgroup2"],
  [0x64626720, "debugfs"],
  [0x74726163, "tracefs"],
  [0x73636673, "securityfs"],
  [0xcafe4a11, "bpf"],
  [0x1cd1, "devpts"],
  [0x6165676c, "pstore"],
  [0x62656570, "configfs"],
]);

const REASONS = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exhausted",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENAMETOOLONG: "the path is too long",
  ELOOP: "the path has a loop of symbolic links",
};

function reason(error) {
  return REASONS[error.code] ?? error.message;
}

function unusable(dir, why) {
  return new Error(
    `The embedded database folder ${dir} (PGLITE_DIR) cannot be used: ${why}. ` +
      `Set PGLITE_DIR to a writable folder on a disk (or DATABASE_URL to use PostgreSQL).`,
  );
}

/** Creates `dir` if needed and proves that a file written there is kept; throws a message naming PGLITE_DIR. */
export function prepareFolder(dir) {
  const missing = [];
  let existing = dir;
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) throw unusable(dir, `${existing} is a file, not a folder`);
      break;
    } catch (error) {
      if (error.code !== "ENOENT") throw error.code ? unusable(dir, reason(error)) : error;
      missing.unshift(existing);
      existing = dirname(existing);
    }
  }
  const kind = VIRTUAL_FILE_SYSTEMS.get(statfsSync(existing).type);
  if (kind) throw unusable(dir, `${existing} is on the ${kind} file system, which keeps no files`);
  // One level at a time: where mkdir answers ENOENT under an existing parent, the recursive form never returns.
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (error.code !== "EEXIST") throw unusable(dir, `${folder} cannot be created (${reason(error)})`);
    }
  }
  const probe = join(dir, `.lotse-probe-${process.pid}`);
  try {
    const fd = openSync(probe, "w");
    try {
      writeSync(fd, "lotse");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(probe);
  } catch (error) {
    throw unusable(dir, `a file cannot be written there (${reason(error)})`);
  }
}

/** Field 22 of /proc/<pid>/stat: a pid is reused, a pid with its start time is not. Null without /proc. */
function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2, in parentheses) may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" ? "ended" : fields[19];
  } catch {
    return isAlive(pid) ? null : "ended";
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  } catch {
    return null;
  }
}

/** The owner a lock names: `{pid, started, token}`, or a bare pid (locks written by earlier versions). */
function parseLock(text) {
  try {
    const lock = JSON.parse(text);
    if (typeof lock === "object" && lock !== null) return { pid: Number(lock.pid), started: lock.started ?? null };
  } catch {
    // an earlier version's lock
  }
  return { pid: Number(text.trim()), started: null };
}

/**
 * Whether the process a lock names still owns the folder: alive, started when the lock says,
 * and an embedded database server. After a crash its pid may belong to any other process.
 * Where /proc cannot tell, a live pid is taken as the owner: a refused start is better than two writers.
 */
function holdsFolder(owner) {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || owner.pid === process.pid || !isAlive(owner.pid)) return false;
  const started = startTime(owner.pid);
  if (started === "ended" || (owner.started && started && owner.started !== started)) return false;
  const args = commandLine(owner.pid);
  return args === null || args.some((arg) => arg.endsWith(SERVER_SCRIPT));
}

/**
 * Removes a stale lock unless another starter replaced it since it was read: it is moved aside
 * (one atomic step), and if what was moved is not what was read, it goes back.
 */
function removeStale(lockPath, seen) {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (error.code === "ENOENT") return;
    throw error;
  }
  if (readFileSync(aside, "utf8") !== seen) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // a third starter claimed the folder meanwhile: its lock stands
    }
  }
  unlinkSync(aside);
}

/** Claims `dir` for this process; returns the release. Throws "already in use" while another owner lives. */
export function claimFolder(dir) {
  const lockPath = join(dir, LOCK_NAME);
  const mine = JSON.stringify({ pid: process.pid, started: startTime(process.pid), token: randomBytes(8).toString("hex") });
  // Written whole, then linked into place: a starter never reads a lock that is still empty.
  const draft = `${lockPath}.${process.pid}.new`;
  writeFileSync(draft, mine);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, lockPath);
        return () => releaseFolder(lockPath, mine);
      } catch (error) {
        if (error.code !== "EEXIST") throw unusable(dir, `its lock file cannot be created (${reason(error)})`);
      }
      let seen;
      try {
        seen = readFileSync(lockPath, "utf8");
      } catch (error) {
        if (error.code === "ENOENT") continue;
        throw error;
      }
      const owner = parseLock(seen);
      if (holdsFolder(owner)) {
        throw new Error(
          `The embedded database folder ${dir} is already in use by process ${owner.pid}. ` +
            `Stop that process first, or set PGLITE_DIR to another folder (or DATABASE_URL to use PostgreSQL).`,
        );
      }
      removeStale(lockPath, seen);
    }
    throw new Error(`Could not claim the embedded database folder ${dir}: other processes kept claiming it at the same time.`);
  } finally {
    rmSync(draft, { force: true });
  }
}

function releaseFolder(lockPath, mine) {
  try {
    if (readFileSync(lockPath, "utf8") === mine) unlinkSync(lockPath);
  } catch {
    // already gone
  }
}
