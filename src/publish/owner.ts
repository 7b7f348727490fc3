import { readFile } from "node:fs/promises";
import { hostname } from "node:os";

/** A process that owns a lock or a staging folder. */
export interface Owner {
  pid: number;
  host: string;
  /** When it started building (ISO 8601). */
  started: string;
  /** The kernel's start time of the process (Linux), so a reused pid is not taken for the owner. */
  procStart?: string;
}

/** This machine's name as it appears in lock files and staging folder names. */
export function hostName(): string {
  return hostname().replace(/[^A-Za-z0-9.-]/g, "_") || "localhost";
}

/** Fields of /proc/<pid>/stat after the command name: state first, start time at index 19. */
async function procStat(pid: number): Promise<string[] | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return text?.slice(text.lastIndexOf(")") + 2).split(" ");
}

export async function processStart(pid: number): Promise<string | undefined> {
  return (await procStat(pid))?.[19];
}

/** This process, as an owner. */
export async function currentOwner(): Promise<Owner> {
  const procStart = await processStart(process.pid);
  return {
    pid: process.pid,
    host: hostName(),
    started: new Date().toISOString(),
    ...(procStart ? { procStart } : {}),
  };
}

/**
 * Whether the owner still runs: `false` only when that is certain (same machine, and no such process, a
 * zombie, or another process that reused the pid); `undefined` for a process on another machine.
 */
export async function ownerAlive(
  owner: Pick<Owner, "pid" | "host" | "procStart">,
): Promise<boolean | undefined> {
  if (owner.host !== hostName()) return undefined;
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const stat = await procStat(owner.pid);
  if (stat?.[0] === "Z") return false;
  if (owner.procStart && stat && stat[19] !== owner.procStart) return false;
  return true;
}
