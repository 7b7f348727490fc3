import type { Diagnostic } from "../core/types.ts";
import { checkStamp, storedReport, storeReport } from "./check-stamp.ts";

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Valid articles read (0 when the settings could not be read). */
  articles: number;
  registryFiles: number;
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
  options: { outDir?: string; cacheDir?: string | undefined } = {},
): Promise<CheckResult> {
  const { cacheDir, outDir } = options;
  const taken = cacheDir !== undefined ? await checkStamp(contentDir, outDir) : undefined;
  if (cacheDir !== undefined && taken) {
    const stored = await storedReport(cacheDir, contentDir, outDir, taken);
    if (stored) return stored;
  }
  // Loaded only when there is something to check: they are most of the command's start-up time.
  const [{ loadContent }, { lintContent }, { loadMessages }, { publishedArticles }] = await Promise.all([
    import("../content/content.ts"),
    import("../lint/index.ts"),
    import("../site/messages.ts"),
    import("./published.ts"),
  ]);
  const { content, diagnostics, saveCache } = await loadContent({
    contentDir,
    preview: true,
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
  return report;
}
