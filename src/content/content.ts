import type { Stats } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type MarkdownIt from "markdown-it";
import { diagnostic } from "../core/diagnostics.ts";
import { mark } from "../core/trace.ts";
import type { ArticleInput, ArticleStatus, Diagnostic, SiteSettings } from "../core/types.ts";
import { articleUrl } from "../core/urls.ts";
import { type ArticleValue, type ArticleWarnings, articleChecker } from "./article-check.ts";
import { readAuthorPhotos } from "./author-photos.ts";
import { loadAuthors } from "./authors.ts";
import { indexAuthors } from "./bylines.ts";
import { type CacheStats, type ContentCache, type Memo, openContentCache } from "./cache.ts";
import { type CheckedFile, checkFile, readCheckedFiles } from "./checked-files.ts";
import { sharedBy } from "./duplicates.ts";
import { indexEntities } from "./entities.ts";
import { findDuplicateTranslations } from "./fields/lang.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { displayPath } from "./load.ts";
import { createMarkdown } from "./markdown.ts";
import { type PhotoArticle, readPhotos } from "./photos.ts";
import type { CheckDocument } from "./read-job.ts";
import { findRedirectConflicts } from "./redirects.ts";
import { loadRegistry } from "./registry.ts";
import { loadSettings } from "./settings.ts";
import type { ReadHelper, ReadPeer } from "./shared-reading.ts";
import type { Content, ContentArticle } from "./types.ts";

export type { Content, ContentArticle } from "./types.ts";

export interface ContentOptions {
  /** The content folder: `site.json`, `articles/` and the optional registry folders. */
  contentDir: string;
  /** The moment of the build (ISO 8601); fixed in tests so output is reproducible. Defaults to now. */
  buildTime?: string;
  /** Keep drafts and scheduled (future) articles (the dev server, `--drafts` and `check` do). */
  preview?: boolean;
  /** Told how many article files have been read, for a progress display. */
  onLoaded?: (done: number, total: number) => void;
  /**
   * The folder of the persistent content cache (`.cache/dateline/` for the commands): unchanged files are
   * neither read nor parsed again. No cache when absent.
   */
  cacheDir?: string;
  /**
   * Leave writing the cache to the caller, through the `saveCache` it is given back (`check` saves after
   * its warning rules, whose per-file results the cache keeps too).
   */
  deferCacheSave?: boolean;
  /**
   * Start writing the cache and go on without waiting for the file to be written (the build): the values
   * are serialised at once, as they are now, and only the writing overlaps what comes next. The caller
   * awaits the `cacheWritten` it is given back before it ends.
   */
  backgroundCacheWrite?: boolean;
  /** A content cache already open (watch mode keeps one in memory); takes the place of `cacheDir`. */
  cache?: ContentCache;
  /** Use the cache in `cacheDir` only to read: keep and write nothing (the render worker beside a build). */
  readOnlyCache?: boolean;
  /**
   * `check`'s per-file warning rules, run on each valid article as it is read (their results are the
   * content's `readWarnings`, and kept in the cache with the file).
   */
  articleWarnings?: (settings: SiteSettings) => ArticleWarnings;
  /** A thread to share the reading of the article files with (`check`'s worker), when there are enough. */
  helper?: ReadHelper;
  /**
   * On the render worker: the main thread, whose reading it shares (each reads a part and sends it to the
   * other), so that both model the same site from every file read once.
   */
  peer?: ReadPeer;
  /**
   * What the content files were a moment ago, by absolute path (the build's stamp looked at each): used in
   * place of looking at them again. A file not in it is looked at.
   */
  knownStats?: ReadonlyMap<string, Stats>;
}

/** The content's `readWarnings`: a per-file rule's result found while reading, if its key is the same. */
function readWarningsOf(memos: ReadonlyMap<string, Memo>): NonNullable<Content["readWarnings"]> {
  return (file, rule, key) => {
    const kept = memos.get(file)?.[rule];
    return kept && kept.key === key ? kept.value : undefined;
  };
}

/** Newest first; on the same moment, by URL, so the order never depends on the file system. */
export function byNewest(a: ArticleInput, b: ArticleInput): number {
  return b.date.epoch - a.date.epoch || (a.datePath + a.slug < b.datePath + b.slug ? -1 : 1);
}

function statusOf(input: ArticleInput, now: number): ArticleStatus {
  if (input.draft) return "draft";
  return input.date.epoch > now ? "scheduled" : "published";
}

/** `article/duplicate-url`: two articles that would be written to the same page. */
export function findDuplicateUrls(articles: readonly ArticleInput[]): Diagnostic[] {
  return sharedBy(
    articles,
    (a) => articleUrl(a.datePath, a.slug, a.langPrefix),
    (a, url, others) =>
      diagnostic(
        "error",
        "article/duplicate-url",
        a.file,
        a.fieldLines.slug ?? 1,
        `two articles have the URL ${url}: this one and ${others}`,
        { field: "slug", hint: "give one of them a different `slug` or file name" },
      ),
  );
}

/**
 * A checked article file as the content holds it: its status at `now`, and, when it is shown (published,
 * or any in preview), what the photo stage reads for it. Undefined for a document that failed validation.
 */
function shownArticle(
  checked: CheckedFile<ArticleValue>,
  now: number,
  preview: boolean,
): { article: ContentArticle; status: ArticleStatus; photos?: PhotoArticle } | undefined {
  const article = checked.value?.article;
  if (!article || !checked.document) return undefined;
  article.sourceHash = checked.hash;
  const status = statusOf(article, now);
  const shown = { input: article, status, document: checked.document };
  if (status !== "published" && !preview) return { article: shown, status };
  // The photos are read again on every run (a photo may change while its article does not).
  delete article.image;
  delete article.bodyPhotos;
  const image = checked.value?.image;
  const images = checked.value?.bodyImages;
  const photos: PhotoArticle = {
    input: article,
    document: checked.document,
    ...(image ? { image } : {}),
    ...(images ? { bodyImages: images } : {}),
  };
  return { article: shown, status, photos };
}

/**
 * One article file read and checked again, as `loadContent` reads each (through `cache`, photos
 * included): for the publishing mode, which models a one-file edit on the site it already has. `key` is
 * the file's path under the content folder as `loadContent` lists it. The article only when it is valid
 * and shown; the diagnostics of its file either way.
 */
export async function readArticleAgain(options: {
  contentDir: string;
  key: string;
  settings: SiteSettings;
  buildTime: string;
  preview: boolean;
  cache?: ContentCache;
  /** The settings' markdown renderer, when the caller has one. */
  md?: MarkdownIt;
}): Promise<{ article?: ContentArticle; diagnostics: Diagnostic[] }> {
  const md = options.md ?? createMarkdown({ embedHosts: options.settings.embedHosts });
  const checked = checkFile(
    { shown: options.key, target: options.key },
    articleChecker(options.settings),
    options.cache,
  );
  if (!("file" in checked)) return { diagnostics: checked.unread };
  const diagnostics = [...checked.diagnostics];
  const now = DateTime.fromISO(options.buildTime, { setZone: true }).toMillis();
  const shown = shownArticle(checked, now, options.preview);
  if (!shown?.photos) return { diagnostics };
  diagnostics.push(...(await readPhotos([shown.photos], options.contentDir, md)));
  return { article: shown.article, diagnostics };
}

/**
 * An article file as the content stage reads and checks it, without the cache and without its photos: its
 * input (when valid), the hash of its bytes and its diagnostics; undefined when it cannot be read.
 * Synchronous: a page asks for its article's body while it renders (the publishing memory's articles, see
 * publish/memory-file.ts, which also looks at an edited file before reading its model).
 */
export function readArticleFile(
  file: string,
  checkDocument: CheckDocument<ArticleValue>,
): { input?: ArticleInput; hash: string; diagnostics: Diagnostic[] } | undefined {
  const checked = checkFile({ shown: file, target: file }, checkDocument, undefined);
  if (!("file" in checked)) return undefined;
  const input = checked.value?.article;
  return { ...(input ? { input } : {}), hash: checked.hash, diagnostics: checked.diagnostics };
}

/**
 * Reads and checks the whole content folder: settings, registry, articles (read → parse → validate), then
 * the checks across articles (duplicate URLs) and the entity index. Never throws on bad content: every
 * problem is a diagnostic. Gives no `Content` only when the settings or the build time are unusable.
 */
export async function loadContent(options: ContentOptions): Promise<{
  content?: Content;
  diagnostics: Diagnostic[];
  cache?: CacheStats;
  saveCache?: () => Promise<void>;
  /** The cache being written (with `backgroundCacheWrite`): awaited by the caller before it ends. */
  cacheWritten?: Promise<void>;
  /** How many article files the helper thread read. */
  helped?: number;
}> {
  const settingsFile = path.join(options.contentDir, "site.json");
  const { settings, diagnostics } = await loadSettings(settingsFile, displayPath(settingsFile));
  if (!settings) return { diagnostics };

  const buildTime = DateTime.fromISO(options.buildTime ?? new Date().toISOString(), { setZone: true });
  if (!buildTime.isValid) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "build/invalid-build-time",
          "(options)",
          1,
          `build time ${options.buildTime} is not an ISO 8601 date-time`,
        ),
      ],
    };
  }
  const now = buildTime.toMillis();
  const cache =
    options.cache ??
    (options.cacheDir
      ? await openContentCache(options.cacheDir, options.contentDir, {
          readOnly: options.readOnlyCache ?? false,
        })
      : undefined);
  mark("cache opened");
  const registry = await loadRegistry(options.contentDir, cache);
  diagnostics.push(...registry.diagnostics);
  const authorFiles = await loadAuthors(options.contentDir);
  diagnostics.push(...authorFiles.diagnostics);
  diagnostics.push(
    ...(await readAuthorPhotos(authorFiles.entries, authorFiles.documents, options.contentDir)),
  );

  mark("registry and authors");
  const articles: ContentArticle[] = [];
  const invalidDocuments: ParsedDocument[] = [];
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const read = await readCheckedFiles(
    path.join(options.contentDir, "articles"),
    options.contentDir,
    articleChecker(settings, options.articleWarnings?.(settings)),
    cache,
    options.onLoaded,
    options.knownStats,
    options.peer ? { peer: options.peer } : options.helper ? { helper: options.helper, settings } : undefined,
  );
  mark(read.helped > 0 ? `articles read (${read.helped} by the helper thread)` : "articles read");
  diagnostics.push(...read.diagnostics);
  const withPhotos: PhotoArticle[] = [];
  const readMemos = new Map<string, Memo>();
  let nextScheduled: number | undefined;
  for (const checked of read.files) {
    diagnostics.push(...checked.diagnostics);
    if (checked.memo) readMemos.set(checked.file, checked.memo);
    if (!checked.document) continue;
    const shown = shownArticle(checked, now, options.preview ?? false);
    if (!shown) {
      invalidDocuments.push(checked.document);
      continue;
    }
    const { article, status } = shown;
    if (status === "scheduled" && !(nextScheduled !== undefined && nextScheduled <= article.input.date.epoch))
      nextScheduled = article.input.date.epoch;
    if (shown.photos) {
      articles.push(article);
      withPhotos.push(shown.photos);
    }
  }
  // Serialised now (save's synchronous part), so nothing done to the values later reaches the file.
  const cacheWritten = options.deferCacheSave ? undefined : cache?.save();
  if (!options.backgroundCacheWrite) await cacheWritten;
  mark(options.backgroundCacheWrite ? "cache serialised" : "cache saved");
  // The photos of the articles shown: found, read and measured once each (IO, so here, not in validation).
  diagnostics.push(...(await readPhotos(withPhotos, options.contentDir, md)));
  mark("photos read");
  articles.sort((a, b) => byNewest(a.input, b.input));
  const inputs = articles.map((a) => a.input);
  diagnostics.push(...findDuplicateUrls(inputs), ...findDuplicateTranslations(inputs));
  diagnostics.push(...findRedirectConflicts(inputs));

  mark("cross-file checks");
  const collator = new Intl.Collator(settings.language, { sensitivity: "base", numeric: true });
  const index = indexEntities(inputs, registry.entries, collator, settings.language);
  diagnostics.push(...index.diagnostics);
  const authors = indexAuthors(inputs, authorFiles.entries, settings.language);
  diagnostics.push(...authors.diagnostics);
  mark("entities and authors indexed");
  return {
    content: {
      settings,
      buildTime,
      registry: registry.entries,
      registryDocuments: registry.documents,
      articles,
      invalidDocuments,
      index,
      collator,
      authorEntries: authorFiles.entries,
      authorDocuments: authorFiles.documents,
      authors,
      diagnostics,
      ...(nextScheduled !== undefined ? { nextScheduled } : {}),
      ...(cache ? { memo: cache.memo.bind(cache) } : {}),
      ...(readMemos.size > 0 ? { readWarnings: readWarningsOf(readMemos) } : {}),
    },
    diagnostics,
    helped: read.helped,
    ...(cache ? { cache: cache.stats, saveCache: () => cache.save() } : {}),
    ...(cacheWritten ? { cacheWritten } : {}),
  };
}
