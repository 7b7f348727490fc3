import { randomBytes } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { failureDiagnostic } from "./errors.ts";
import { errorCode, ignoreMissing, nodeFs, type PublishFs } from "./fs.ts";
import { currentOwner, type Owner, ownerAlive } from "./owner.ts";
import type { Places } from "./places.ts";

/** How often the owner touches its lock file, and after how long without a touch a lock from another
 * machine (whose processes cannot be asked) counts as abandoned. */
export const HEARTBEAT_MS = 30_000;
export const FOREIGN_STALE_MS = 10 * 60_000;
/** An unreadable lock file older than this is one whose owner died while writing it. */
const UNREADABLE_STALE_MS = 30_000;

/** Lock files this process holds, so a second build in the same process is refused too. */
const held = new Set<string>();

export interface Lock {
  file: string;
  /** Whether the lock file is still this build's (another build may have judged it abandoned). */
  verify(): Promise<boolean>;
  release(): Promise<void>;
}

export type LockResult = { lock: Lock; diagnostics: [] } | { lock?: undefined; diagnostics: Diagnostic[] };

interface Found {
  text: string;
  owner?: Owner;
  mtimeMs: number;
}

async function readLock(file: string): Promise<Found | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { text: "", mtimeMs: Date.now() };
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) return { text: "", mtimeMs: Date.now() };
    let owner: Owner | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<Owner>;
      if (typeof parsed.pid === "number" && typeof parsed.host === "string") owner = parsed as Owner;
    } catch {
      owner = undefined;
    }
    return { text, mtimeMs: info.mtimeMs, ...(owner ? { owner } : {}) };
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined; // released meanwhile
    return { text: "", mtimeMs: Date.now() }; // something is there that cannot be read: never taken over
  }
}

async function isStale(file: string, found: Found): Promise<boolean> {
  const age = Date.now() - found.mtimeMs;
  if (!found.owner) return age > UNREADABLE_STALE_MS;
  const alive = await ownerAlive(found.owner);
  if (alive === undefined) return age > FOREIGN_STALE_MS;
  if (alive && found.owner.pid === process.pid) return !held.has(file); // left behind by this process
  return !alive;
}

/**
 * Removes an abandoned lock, but only the one judged abandoned: it is renamed aside first and checked, so
 * when two builds take over at once, neither deletes the fresh lock the other has just made.
 */
async function takeOver(file: string, staleText: string, fs: PublishFs): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  const text = await readFile(aside, "utf8").catch(() => undefined);
  if (text !== staleText) await fs.link(aside, file).catch(() => undefined); // a live lock: put it back
  await ignoreMissing(fs.unlink(aside));
}

function busy(places: Places, found: Found, waited: number): Diagnostic {
  const owner = found.owner;
  const since = owner?.started ? Date.parse(owner.started) : Number.NaN;
  const age = Number.isNaN(since) ? "" : `, ${Math.max(0, Math.round((Date.now() - since) / 1000))} s ago`;
  const who = owner
    ? `process ${owner.pid} on ${owner.host}, started ${owner.started}${age}`
    : "a process whose lock file cannot be read";
  return diagnostic(
    "error",
    "publish/locked",
    places.lock,
    1,
    `another build is publishing to ${places.shownOut}: ${who}${waited > 0 ? `; waited ${waited} s` : ""}`,
    {
      hint: `let it finish, or build with --wait SECONDS; if no such build runs any more, delete ${places.lock}`,
    },
  );
}

/**
 * Takes the output folder's lock: a file created with O_EXCL beside the output, naming this process. A lock
 * whose owner is dead on this machine (or, from another machine, not refreshed for 10 minutes) is taken
 * over; a live one makes the build fail at once with a diagnostic naming its owner, or after `waitSeconds`.
 */
export async function acquireLock(
  places: Places,
  options: { waitSeconds?: number; fs?: PublishFs } = {},
): Promise<LockResult> {
  const fs = options.fs ?? nodeFs;
  const wait = Math.max(0, options.waitSeconds ?? 0);
  const deadline = Date.now() + wait * 1000;
  const text = `${JSON.stringify({ ...(await currentOwner()), outDir: places.out })}\n`;
  const names = { outDir: places.out, shownOut: places.shownOut };
  let found: Found | undefined;
  for (let attempt = 0; attempt < 1000; attempt++) {
    try {
      await fs.mkdir(places.parent, { recursive: true });
    } catch (error) {
      return { diagnostics: [failureDiagnostic(error, "locking", names)] };
    }
    try {
      await fs.writeFile(places.lock, text, { flag: "wx" });
      return { lock: holding(places.lock, text, fs), diagnostics: [] };
    } catch (error) {
      if (errorCode(error) !== "EEXIST") {
        // Created but not written (a full disk): remove it, unless it is someone else's by now.
        const left = await readFile(places.lock, "utf8").catch(() => undefined);
        if (left !== undefined && text.startsWith(left)) await fs.unlink(places.lock).catch(() => undefined);
        return { diagnostics: [failureDiagnostic(error, "locking", names)] };
      }
    }
    found = await readLock(places.lock);
    if (!found) continue;
    if (await isStale(places.lock, found)) {
      try {
        await takeOver(places.lock, found.text, fs);
      } catch (error) {
        return { diagnostics: [failureDiagnostic(error, "locking", names)] };
      }
      continue;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const last = found ?? { text: "", mtimeMs: Date.now() };
  return { diagnostics: [busy(places, last, wait)] };
}

function holding(file: string, text: string, fs: PublishFs): Lock {
  held.add(file);
  const heartbeat = setInterval(() => {
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const verify = async () => (await readFile(file, "utf8").catch(() => undefined)) === text;
  return {
    file,
    verify,
    async release() {
      clearInterval(heartbeat);
      held.delete(file);
      // A lock that cannot be removed (the disk failed meanwhile) is stale once this process ends.
      if (await verify()) await ignoreMissing(fs.unlink(file)).catch(() => undefined);
    },
  };
}
