import { loadContent } from "../content/content.ts";
import type { Diagnostic } from "../core/types.ts";
import { lintContent } from "../lint/index.ts";
import { loadMessages } from "../site/messages.ts";
import { publishedArticles } from "./published.ts";

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
 * (`article/vanished-url`). Never throws on bad content.
 */
export async function checkContent(
  contentDir: string,
  options: { outDir?: string; cacheDir?: string | undefined } = {},
): Promise<CheckResult> {
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
  return {
    diagnostics,
    articles: content.articles.length,
    registryFiles: content.registryDocuments.length,
  };
}
