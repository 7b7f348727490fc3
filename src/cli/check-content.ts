import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { contentCacheFile } from "../content/cache.ts";
import type { ReadHelper } from "../content/shared-reading.ts";
import type { Diagnostic } from "../core/types.ts";
import type { TakenStamp } from "../publish/stamp.ts";
import { type CheckParallel, maybeStartCheckWorker } from "./check-helper.ts";
import { checkStamp, storedReport, storeReport } from "./check-stamp.ts";

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Valid articles read (0 when the settings could not be read). */
  articles: number;
  registryFiles: number;
  /** How many article files the worker thread read (0 when there was none). */
  helped?: number;
}

/** How many `.md` files the content's `articles/` folder holds (names only, nothing is read). */
async function articleFileCount(contentDir: string): Promise<number> {
  const names = await readdir(path.join(contentDir, "articles"), { recursive: true }).catch(() => []);
  return names.filter((name) => name.endsWith(".md")).length;
}

/**
 * Everything `npm run check` reports about a content folder, without rendering anything: the content
 * stage's errors (the build's, for every article, drafts and scheduled ones included) and the message
 * files' (the interface of each language), then the warnings of `src/lint/` over the same checked content.
 * With `outDir`, the article pages its last build published (its manifest) are compared with the content
 * (`article/vanished-url`). Never throws on bad content. With the cache, a run whose inputs are all as at
 * the last run gives that run's report without reading any content (check-stamp.ts).
 */
export async function checkContent(
  contentDir: string,
  options: { outDir?: string; cacheDir?: string | undefined; parallel?: false | CheckParallel } = {},
): Promise<CheckResult> {
  const { cacheDir, outDir } = options;
  const taken = cacheDir !== undefined ? await checkStamp(contentDir, outDir) : undefined;
  if (cacheDir !== undefined && taken) {
    const stored = await storedReport(cacheDir, contentDir, outDir, taken);
    if (stored) return stored;
  }
  // A large archive's files are read on two threads: the worker starts loading its code now, beside the
  // main thread's (check-helper.ts; it is given the files once they are listed, and only if enough are to be read).
  // With a content cache that has results, it starts only if there turn out to be enough files to read.
  const helper =
    options.parallel === false
      ? undefined
      : maybeStartCheckWorker(await articleFileCount(contentDir), {
          ...options.parallel,
          lazy: cacheDir !== undefined && existsSync(contentCacheFile(cacheDir, contentDir)),
        });
  try {
    return await checkLoaded(contentDir, { ...options, ...(helper ? { helper } : {}) }, taken);
  } finally {
    await helper?.stop();
  }
}

async function checkLoaded(
  contentDir: string,
  options: { outDir?: string; cacheDir?: string | undefined; helper?: ReadHelper },
  taken: TakenStamp | undefined,
): Promise<CheckResult> {
  const { cacheDir, outDir } = options;
  // Loaded only when there is something to check: they are most of the command's start-up time.
  const [{ loadContent }, { lintContent, articleWarnings }, { loadMessages }, { publishedArticles }] =
    await Promise.all([
      import("../content/content.ts"),
      import("../lint/index.ts"),
      import("../site/messages.ts"),
      import("./published.ts"),
    ]);
  const { content, diagnostics, saveCache, helped } = await loadContent({
    contentDir,
    preview: true,
    articleWarnings,
    ...(options.helper ? { helper: options.helper } : {}),
    ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir, deferCacheSave: true } : {}),
  });
  if (!content) return { diagnostics, articles: 0, registryFiles: 0 };
  // The interface's message files of every language the site uses, as the build checks them.
  diagnostics.push(...loadMessages(content.settings.languages).diagnostics);
  const published = options.outDir ? await publishedArticles(options.outDir, contentDir) : undefined;
  diagnostics.push(
    ...lintContent({
      ...content,
      embedHosts: content.settings.embedHosts,
      ...(published ? { published } : {}),
    }),
  );
  await saveCache?.();
  const report = {
    diagnostics,
    articles: content.articles.length,
    registryFiles: content.registryDocuments.length,
  };
  if (cacheDir !== undefined && taken) await storeReport(cacheDir, contentDir, outDir, taken, report);
  return { ...report, helped: helped ?? 0 };
}
