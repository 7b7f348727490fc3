import { type FSWatcher, watch } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { type ContentCache, openContentCache } from "../content/cache.ts";
import { type BuildMemory, type BuildOptions, type BuildResult, build } from "./build.ts";

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
  /** Whether a folder's watcher failed since the last build: then changes may have gone unseen. */
  let lost = false;

  // The last site published, to model an edit of an article's own words on (see site/patch.ts).
  const memory: BuildMemory = {};
  const buildOnce = async (trigger: Trigger) => {
    const result = await build({
      ...options,
      ...(cache ? { cache, deferCacheSave: true } : {}),
      memory,
      ...(trigger.first ? {} : { changed: trigger.changed }),
    });
    onBuilt(result, trigger);
  };
  const next = async () => {
    while (pending.size > 0 && !closed) {
      const changed = [...pending].sort();
      pending.clear();
      // Every file the watcher did not name is as it was: the next build does not even look at it. A
      // watcher lost to an error makes no such promise, and that build looks at every file.
      const trusted = !lost;
      lost = false;
      cache = changed.includes("site.json")
        ? await open()
        : cache?.successor(trusted ? unchangedBesides(options.contentDir, changed) : undefined);
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
  const tree = await watchTree(
    options.contentDir,
    (name) => {
      if (closed) return;
      pending.add(name);
      schedule();
    },
    () => {
      lost = true;
    },
  );
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      tree.close();
      await running;
      await cache?.save();
    },
  };
}

/**
 * Watches every folder of `root` (one inotify watch a folder, not a file), telling `onChange` the path
 * (relative, forward slashes) of each entry created, changed, renamed or removed. Editors save by writing a
 * temporary file and renaming it over the article, which a watch on the folder always sees; a folder
 * created later is watched from then on. (Node 20's recursive `fs.watch` on Linux missed the second such
 * save of a file in a large archive.)
 */
async function watchTree(
  root: string,
  onChange: (name: string) => void,
  onLost: () => void,
): Promise<{ close(): void }> {
  const watchers = new Map<string, FSWatcher>();
  const add = async (dir: string): Promise<void> => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => {
        if (!name) return;
        const full = path.join(dir, name);
        onChange(path.relative(root, full).split(path.sep).join("/"));
        if (event === "rename")
          void stat(full).then(
            (s) => (s.isDirectory() ? add(full) : undefined),
            () => undefined,
          );
      });
    } catch {
      return; // gone already, or unreadable: the next build reports what it cannot read
    }
    watcher.on("error", () => {
      watcher.close();
      watchers.delete(dir);
      onLost();
    });
    watchers.set(dir, watcher);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) await add(path.join(dir, entry.name));
  };
  await add(path.resolve(root));
  return {
    close() {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/**
 * Whether a content file (by its path under `contentDir`, as the content stage keys it) is none of the
 * `changed` entries the watcher named, nor inside one of them (a folder renamed or removed).
 */
export function unchangedBesides(contentDir: string, changed: readonly string[]): (key: string) => boolean {
  const named = new Set(changed.map((name) => path.join(contentDir, name)));
  const folders = [...named].map((full) => full + path.sep);
  return (key) => !named.has(key) && !folders.some((folder) => key.startsWith(folder));
}
