import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { ContentCache } from "../content/cache.ts";
import { readArticleAgain } from "../content/content.ts";
import { displayPath } from "../content/load.ts";
import { createMarkdown } from "../content/markdown.ts";
import type { ContentArticle } from "../content/types.ts";
import type {
  Article,
  ArticleInput,
  ArticleLink,
  Diagnostic,
  FeedSpec,
  ListPage,
  Site,
} from "../core/types.ts";
import { articleOf, bodyOf, contextOf, withLazyHtml } from "./site.ts";
import { validUntil } from "./times.ts";

/**
 * The publishing mode's memory of the last site it published: the model, and for each article shown its
 * input and the link other articles' pages hold to it. An edit that changes only an article's own words
 * (`OWN_WORDS`) is modelled on it in place of reading and modelling the whole archive again.
 */
export interface SiteMemory {
  site: Site;
  /** Each article shown, by its file as diagnostics name it. */
  byFile: Map<string, Remembered>;
  /** The build's diagnostics (warnings: a build with errors is not remembered). */
  diagnostics: Diagnostic[];
  nextScheduled?: number;
  /** Until when the site's output stays what a build would write (`validUntil`), made on first use. */
  validUntil?: number | null;
  /** Which pages show each article: made on first use. */
  shownBy?: ShownBy;
}

export interface Remembered {
  input: ArticleInput;
  article: Article;
  link: ArticleLink;
}

/** Where each article appears besides its own page. */
interface ShownBy {
  lists: Map<Article, ListPage[]>;
  feeds: Map<Article, FeedSpec[]>;
  /** Article pages holding a link (related, previous, next) to the article. */
  linkedFrom: Map<ArticleLink, Article[]>;
}

/**
 * The fields of an article's input that only its own page, the listings' teasers and the feeds show, from
 * the article object itself: an edit of these leaves every other part of the model as it was. Every other
 * field (date, slug, entities, section, language, byline, photos, corrections, redirects…) decides where
 * the article appears or what other pages show, and a change to it models the whole site again.
 */
const OWN_WORDS: ReadonlySet<string> = new Set([
  "title",
  "body",
  "sourceHash",
  "summary",
  "renderedSummary",
  "dateline",
  "updated",
  "source",
]);

/**
 * An input as the memory on disk keeps it (publish/memory-file.ts): without the article's own words, which
 * the article holds and a patch does not compare, and without its body, read again from the file when a
 * page shows it. Its file and hash stay.
 */
export function withoutOwnWords(input: ArticleInput): ArticleInput {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (!OWN_WORDS.has(key) || key === "sourceHash") kept[key] = value;
  return { ...(kept as Omit<ArticleInput, "title" | "body">), title: "", body: "" };
}

/**
 * A digest of what an edit may not change for a patch to apply, as far as the file alone tells: every field
 * of the input but its own words, its file and its photos (read afterwards). Two inputs with different
 * digests never patch (`ownWordsOnly` finds the field); equal ones may still not (photos, diagnostics).
 * The memory on disk keeps it per article file, to refuse such an edit before its model is read.
 */
export function placeDigest(input: ArticleInput): string {
  const kept: [string, unknown][] = [];
  for (const [key, value] of Object.entries(input))
    if (!OWN_WORDS.has(key) && !UNREAD_FIELDS.has(key)) kept.push([key, value]);
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha1").update(JSON.stringify(kept)).digest("hex");
}

/** Fields `placeDigest` leaves out: the file (named by the caller) and the photos (read after the file). */
const UNREAD_FIELDS: ReadonlySet<string> = new Set(["file", "image", "bodyPhotos"]);

export function rememberSite(
  site: Site,
  content: readonly ContentArticle[],
  links: readonly ArticleLink[],
  diagnostics: readonly Diagnostic[],
  nextScheduled: number | undefined,
): SiteMemory {
  const byFile = new Map<string, Remembered>();
  content.forEach(({ input }, i) => {
    const article = site.articles[i];
    const link = links[i];
    if (article && link) byFile.set(input.file, { input, article, link });
  });
  return {
    site,
    byFile,
    diagnostics: [...diagnostics],
    ...(nextScheduled !== undefined ? { nextScheduled } : {}),
  };
}

/** The site after a patch, as `buildSite` gives one, and the pages whose hash may have changed. */
export interface Patch {
  site: Site;
  diagnostics: Diagnostic[];
  nextScheduled?: number;
  /** The memory, patched: for the next build once this one is published. */
  memory: SiteMemory;
  /** The pages whose hash may have changed. */
  pages: { articles: Article[]; lists: ListPage[]; feeds: FeedSpec[] };
  /** Whether an edited article's latest change (`updated`, which the URL sitemaps show) moved. */
  redated: boolean;
}

export interface PatchOptions {
  contentDir: string;
  /** The entries the folder watcher named, relative to the content folder, forward slashes. */
  changed: readonly string[];
  buildTime: string;
  preview: boolean;
  cache?: ContentCache;
  /**
   * The memory is a base the output has moved on from (recalled from disk: publish/memory-file.ts): pages
   * linking to a changed article may show a headline of a build since, so they are hashed again whatever
   * the headline is now.
   */
  fromBase?: boolean;
}

/**
 * Models the site after an edit on the remembered one, when every entry the watcher named is an article
 * file already shown (or a temporary file already gone) whose edit changes only its own words, with no
 * diagnostic before or after, and no article's status or the news window changes with time. Else says
 * why not (the caller builds the whole site). Nothing in `memory` changes unless the patch applies.
 */
export async function patchSite(
  memory: SiteMemory,
  options: PatchOptions,
): Promise<Patch | { refused: string }> {
  const now = Date.parse(options.buildTime);
  // A patch changes no article's date or status: the moment stays the same from build to build.
  memory.validUntil ??= validUntil(memory.site, memory.nextScheduled) ?? null;
  const until = memory.validUntil;
  if (until !== null && until <= now) return { refused: "an article's status or the news window changed" };
  if (now < Date.parse(memory.site.buildTime)) return { refused: "the clock went back" };
  const keys: string[] = [];
  for (const name of options.changed) {
    const full = path.join(options.contentDir, name);
    const stats = statSync(full, { throwIfNoEntry: false });
    if (!name.startsWith("articles/")) return { refused: `${name} is not an article` };
    if (!name.endsWith(".md")) {
      // An editor's temporary file, already renamed over the article (which the watcher names too).
      if (stats === undefined) continue;
      return { refused: `${name} is not an article file` };
    }
    if (!stats?.isFile()) return { refused: `${name} was added, removed or renamed` };
    if (!memory.byFile.has(displayPath(full))) return { refused: `${name} is not an article shown` };
    keys.push(full);
  }
  if (keys.length === 0) return { refused: "no article changed" };
  const settings = memory.site.settings;
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const edits: { remembered: Remembered; input: ArticleInput; fresh: Article }[] = [];
  for (const key of keys) {
    const remembered = memory.byFile.get(displayPath(key)) as Remembered;
    if (memory.diagnostics.some((d) => d.file === remembered.input.file))
      return { refused: `${remembered.input.file} had diagnostics` };
    const read = await readArticleAgain({ ...options, key, settings, md });
    if (read.diagnostics.length > 0) return { refused: `${remembered.input.file} has diagnostics` };
    if (!read.article) return { refused: `${remembered.input.file} is no longer shown` };
    const { input, status } = read.article;
    const old = remembered.article;
    if (status !== old.status) return { refused: `${input.file} changed status` };
    const differs = ownWordsOnly(remembered.input, input);
    if (differs) return { refused: `${input.file} changed ${differs}` };
    const retitled = input.title !== old.title;
    // Headlines copied into other objects: the translations' language switcher, redirect and corrections pages.
    if (retitled && (old.translations.length > 0 || old.redirectFrom || old.corrections))
      return {
        refused: `${input.file} changed the headline its translations, redirects or corrections show`,
      };
    const fresh = articleOf(input, status, contextOf(old), md);
    if (!isDeepStrictEqual(Object.keys(fresh), Object.keys(old)))
      return { refused: `${input.file} gained or lost a field` };
    edits.push({ remembered, input, fresh });
  }
  options.cache?.keepUnchanged();
  const shownBy = shownByFor(memory, options.fromBase ? edits.map((e) => e.remembered) : undefined);
  const articles = new Set<Article>();
  const lists = new Set<ListPage>();
  const feeds = new Set<FeedSpec>();
  let redated = false;
  for (const { remembered, input, fresh } of edits) {
    const old = remembered.article;
    if (old.updated?.iso !== fresh.updated?.iso || old.modified?.iso !== fresh.modified?.iso) redated = true;
    const target = old as unknown as Record<string, unknown>;
    const source = fresh as unknown as Record<string, unknown>;
    for (const key of Object.keys(fresh)) target[key] = source[key];
    withLazyHtml(old, bodyOf(input, md));
    if (remembered.link.title !== input.title || options.fromBase) {
      remembered.link.title = input.title;
      for (const page of shownBy.linkedFrom.get(remembered.link) ?? []) articles.add(page);
    }
    remembered.input = input;
    articles.add(old);
  }
  // A page whose article's hash changes (a feed's entries, a front page's lead) is hashed again too.
  for (const article of articles) {
    for (const list of shownBy.lists.get(article) ?? []) lists.add(list);
    for (const feed of shownBy.feeds.get(article) ?? []) feeds.add(feed);
  }
  return {
    site: memory.site,
    memory,
    diagnostics: [...memory.diagnostics],
    ...(memory.nextScheduled !== undefined ? { nextScheduled: memory.nextScheduled } : {}),
    pages: { articles: [...articles], lists: [...lists], feeds: [...feeds] },
    redated,
  };
}

/** The first field outside `OWN_WORDS` in which two inputs of the same file differ, if any. */
export function ownWordsOnly(before: ArticleInput, after: ArticleInput): string | undefined {
  const a = before as unknown as Record<string, unknown>;
  const b = after as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (OWN_WORDS.has(key)) continue;
    if (!isDeepStrictEqual(a[key], b[key])) return key;
  }
  return undefined;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/**
 * Where the edited articles appear: a memory read back for one command (`only`, the edits) is looked
 * through for them alone; the publishing mode keeps the whole index for the edits to come.
 */
function shownByFor(memory: SiteMemory, only: readonly Remembered[] | undefined): ShownBy {
  if (only) return shownByOf(memory.site, only);
  memory.shownBy ??= shownByOf(memory.site);
  return memory.shownBy;
}

/**
 * Which listings, feeds and article pages show each article (one pass over the site); with `only`, just
 * where those articles appear, and where the articles linking to them do.
 */
function shownByOf(site: Site, only?: readonly Remembered[]): ShownBy {
  const lists = new Map<Article, ListPage[]>();
  const feeds = new Map<Article, FeedSpec[]>();
  const linkedFrom = new Map<ArticleLink, Article[]>();
  const links = only ? new Set(only.map((r) => r.link)) : undefined;
  for (const a of site.articles)
    for (const link of [...a.related, a.previous, a.next])
      if (link && (!links || links.has(link))) add(linkedFrom, link, a);
  const wanted = only
    ? new Set<Article>([...only.map((r) => r.article), ...[...linkedFrom.values()].flat()])
    : undefined;
  const pages = [
    ...site.homePages,
    ...site.entityPages,
    ...site.archivePages,
    ...site.sectionPages,
    ...site.authorPages,
  ];
  const shown = (a: Article) => !wanted || wanted.has(a);
  for (const page of pages) {
    for (const a of page.items) if (shown(a)) add(lists, a, page);
    const lead = page.front?.lead;
    if (lead && shown(lead)) add(lists, lead, page);
    for (const block of page.front?.sections ?? [])
      for (const a of block.articles) if (shown(a)) add(lists, a, page);
  }
  for (const feed of site.feeds) for (const a of feed.articles) if (shown(a)) add(feeds, a, feed);
  return { lists, feeds, linkedFrom };
}
