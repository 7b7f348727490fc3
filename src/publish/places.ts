import path from "node:path";
import { resolveReal } from "./guard.ts";
import { hostName } from "./owner.ts";

/**
 * Where publishing keeps its working files: all beside the output folder, in its parent, so a staged file
 * reaches its place with a rename on the same file system and nothing extra is ever served with the site.
 *
 *     _site/                          the published site (always exists once built)
 *     _site.lock                      held by the one build that may publish to _site
 *     _site.journal.json              what a publish in progress will do; present only while publishing
 *     _site.staging-<host>-<pid>/     one build's new files, owned by that process
 *     _site.staging-<host>.worker-<pid>/  its render worker's pages, until they join staging
 *     _site.staging-<host>.search-<pid>/  its search index shards, published after the pages
 */
export interface Places {
  /** The output folder, with symbolic links resolved. */
  out: string;
  parent: string;
  base: string;
  lock: string;
  journal: string;
  /** The staging folder of this process. */
  staging: string;
  /**
   * Where this process's render worker writes its share of the pages before they join staging. Named like a
   * staging folder of another host, so the next build removes it if this one is killed (it holds the lock).
   */
  workerStaging: string;
  /**
   * Where this process indexes the changed search shards, published after the pages (the second phase).
   * Named like the worker's folder, so the next build removes it if this one is killed.
   */
  searchStaging: string;
  /** The output folder as the user wrote it, for messages. */
  shownOut: string;
}

export async function places(outDir: string): Promise<Places> {
  const out = await resolveReal(outDir);
  const parent = path.dirname(out);
  const base = path.basename(out);
  return {
    out,
    parent,
    base,
    lock: path.join(parent, `${base}.lock`),
    journal: path.join(parent, `${base}.journal.json`),
    staging: path.join(parent, stagingName(base, hostName(), process.pid)),
    workerStaging: path.join(parent, stagingName(base, `${hostName()}.worker`, process.pid)),
    searchStaging: path.join(parent, stagingName(base, `${hostName()}.search`, process.pid)),
    shownOut: outDir,
  };
}

export function stagingName(base: string, host: string, pid: number): string {
  return `${base}.staging-${host}-${pid}`;
}

/** The owner named by a staging folder's name, or undefined if `name` is not one of `base`'s. */
export function stagingOwner(base: string, name: string): { host: string; pid: number } | undefined {
  const prefix = `${base}.staging-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  const dash = rest.lastIndexOf("-");
  const pid = Number(rest.slice(dash + 1));
  if (dash <= 0 || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { host: rest.slice(0, dash), pid };
}
