import { readdirSync, renameSync } from "node:fs";
import path from "node:path";

/** A rename that found its target taken by a folder (or a file where a folder is). */
const TAKEN = new Set(["ENOTEMPTY", "EEXIST", "EISDIR", "ENOTDIR"]);

/**
 * Moves everything under `from` into `to`, folder by folder: a folder `to` does not have yet (an article's
 * own folder, most of the render worker's pages) moves whole, in one rename; only a folder both hold is
 * opened, and its entries moved one by one. The two trees hold different files (the worker writes only
 * its share of the pages), so nothing is replaced. Synchronous, like the writes: tens of thousands of
 * renames, each cheaper than a trip through the thread pool.
 */
export function joinTree(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    try {
      renameSync(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!entry.isDirectory() || code === undefined || !TAKEN.has(code)) throw error;
      joinTree(source, target);
    }
  }
}
