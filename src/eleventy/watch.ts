import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import { type ContentCache, openContentCache } from "../content/cache.ts";
import { type BuildOptions, type BuildResult, build } from "./build.ts";

/** A running publishing mode: `close` stops watching, waits for a build under way and writes the cache. */
export interface Watching {
  close(): Promise<void>;
}

/** What one build of the publishing mode was started by: the first build, or the files that changed. */
export type Trigger = { first: true } | { first: false; changed: string[] };

/**
 * The publishing mode of a newsroom's build machine (`npm run build -- --watch`): one build now, then an
 * incremental build each time something in the content folder changes, with the same checks, diagnostics
 * and atomic publishing as `npm run build`. Changes saved during a build are gathered and built right after
 * it; builds never overlap. The content cache stays in memory between builds (only the changed files are
 * read and checked again) and is written to disk when watching stops; a change to `site.json` reopens it,
 * since the settings decide how every file is read.
 */
export async function watchBuild(
  options: BuildOptions,
  onBuilt: (result: BuildResult, trigger: Trigger) => void,
  settleMs = 40,
): Promise<Watching> {
  const open = () =>
    options.cacheDir ? openContentCache(options.cacheDir, options.contentDir) : Promise.resolve(undefined);
  let cache: ContentCache | undefined = await open();
  const pending = new Set<string>();
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const buildOnce = async (trigger: Trigger) => {
    const result = await build({ ...options, ...(cache ? { cache, deferCacheSave: true } : {}) });
    onBuilt(result, trigger);
  };
  const next = async () => {
    while (pending.size > 0 && !closed) {
      const changed = [...pending].sort();
      pending.clear();
      cache = changed.includes("site.json") ? await open() : cache?.successor();
      await buildOnce({ first: false, changed });
    }
    running = undefined;
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running ??= next();
    }, settleMs);
  };

  await buildOnce({ first: true });
  const watcher: FSWatcher = watch(options.contentDir, { recursive: true }, (_event, name) => {
    if (closed || !name) return;
    pending.add(name.split(path.sep).join("/"));
    schedule();
  });
  // A folder that goes away while watched ends the watching of it; the next build reports what is missing.
  watcher.on("error", () => schedule());
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher.close();
      await running;
      await cache?.save();
    },
  };
}
