import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT as ROOT, SRC_DIR, TEMPLATES_DIR } from "../core/paths.ts";
import type {
  Article,
  ArticleLink,
  EntityDirectory,
  EntityRef,
  FeedSpec,
  ListPage,
  Moment,
  Site,
} from "../core/types.ts";
import { outputPath } from "../core/urls.ts";
import type { PageSelection } from "../render/renderer.ts";
import { emptyFeedTime } from "../site/times.ts";
import { type FileTable, MANIFEST_FILE, type Manifest, readManifest } from "./manifest.ts";

/**
 * Incremental builds. Every page Eleventy would write gets a hash of everything it shows; the hashes of the
 * last build are kept in a manifest inside the output (manifest.ts). A new build renders only the pages whose hash
 * changed and leaves the others where they are (publishing is in place). A change to the templates, to `src/`, to
 * the dependencies or to the site settings changes the fingerprint, and then everything is rendered.
 */

/**
 * What the publishing mode already knows of a build: its page hashes and its fingerprint. Given these, the
 * plan trusts that the pages the last build published are still in the output.
 */
export interface KnownPlan {
  hashes: Map<string, string>;
  fingerprint: string;
  /** Each article page's content file (the same while no article is added, moved or removed). */
  sources?: FileTable;
  /**
   * The manifest the last build published, and the manifest file as it was then (size, time, inode): used
   * in place of reading the file again while it is that file.
   */
  published?: { manifest: Manifest; file: ManifestFile };
  /**
   * Output files besides the pages that this build leaves as the last one published them (a patched
   * build's URL sitemaps, when no article's latest change moved): kept, not written again.
   */
  keep?: readonly string[];
}

/** A manifest file as `stat` sees it. */
export interface ManifestFile {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** The output's manifest file as `stat` sees it; undefined when there is none. */
export async function manifestFile(outDir: string): Promise<ManifestFile | undefined> {
  const s = await stat(path.join(outDir, MANIFEST_FILE)).catch(() => undefined);
  return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } : undefined;
}

/** The previous build's manifest: the one the publishing mode remembers while the file is that one. */
async function previousManifest(outDir: string, known: KnownPlan | undefined): Promise<Manifest | undefined> {
  const published = known?.published;
  if (published) {
    const now = await manifestFile(outDir);
    const same =
      now?.size === published.file.size &&
      now.mtimeMs === published.file.mtimeMs &&
      now.ino === published.file.ino;
    if (same) return published.manifest;
  }
  if (process.env.DATELINE_DEBUG && published)
    console.error("Dateline: the manifest file changed: reading it");
  return readManifest(outDir);
}

export interface RenderPlan {
  /**
   * Every page's hash, by output file (the manifest's `pages`). When everything is rendered, made on first
   * use (after the pages, or while the render worker renders its share).
   */
  readonly hashes: Map<string, string>;
  /** Makes the page hashes now, if they are not made yet. */
  makeHashes(): void;
  /** Which pages to render, by output file: the changed ones in an incremental build; all when absent. */
  select?: PageSelection;
  /**
   * Output files to take unchanged from the previous build, in the order of the page hashes (the same for
   * the same site; not sorted: a quarter of a million names cost a noticeable share of an edit to sort, and
   * everything written from them, the manifest first, is sorted where it is written).
   */
  reuse: string[];
  manifest: Manifest;
  /** The previous build's manifest, whatever its fingerprint. */
  previous?: Manifest;
}

function hash(...parts: string[]): string {
  const h = createHash("sha1");
  for (const part of parts) h.update(part).update("\0");
  return h.digest("hex");
}

export async function hashTree(dir: string, h: ReturnType<typeof createHash>): Promise<void> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const file of entries)
    h.update(path.relative(ROOT, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
}

/** The code that decides what a page looks like: Dateline's own sources and templates. */
export const CODE_DIRS = [SRC_DIR, TEMPLATES_DIR];

/** Everything besides the content that decides what a page looks like. */
export async function fingerprint(
  site: Pick<Site, "settings" | "preview">,
  codeDirs: readonly string[] = CODE_DIRS,
): Promise<string> {
  const h = createHash("sha1");
  for (const dir of codeDirs) await hashTree(dir, h);
  h.update(await readFile(path.join(ROOT, "package-lock.json")).catch(() => Buffer.from("")));
  h.update(JSON.stringify({ settings: site.settings, preview: site.preview }));
  return h.digest("hex");
}

/** The JSON of an object shared by many articles and pages (a language, an entity, a link), made once each. */
class SharedJson {
  private readonly made = new Map<object, string>();
  of(value: object | undefined): string {
    if (value === undefined) return "";
    let json = this.made.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      this.made.set(value, json);
    }
    return json;
  }
  list(values: readonly object[] | undefined): string {
    return values === undefined ? "" : values.map((v) => this.of(v)).join("\u0002");
  }
}

type Shown<T> = { [K in keyof T]-?: (value: T[K]) => string };

/**
 * What an article page shows, field by field: every field of `Article` but `html` (the body, which the
 * source's hash stands for) must say how it is hashed, so a field added to `Article` cannot be left out.
 * Objects shared by many articles (the language, entity links, article links) are turned into JSON once.
 */
function articleFields(shared: SharedJson): Shown<Omit<Article, "html">> {
  const text = (v: string | undefined) => v ?? "";
  const json = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
  const moment = (m: Moment | undefined) =>
    m === undefined ? "" : `${m.iso}\u0002${m.text}\u0002${m.epoch}`;
  const refs = (list: readonly EntityRef[]) => shared.list(list);
  const link = (l: ArticleLink | undefined) =>
    l === undefined ? "" : `${l.url}\u0002${l.title}\u0002${moment(l.date)}`;
  return {
    file: text,
    sourceHash: text,
    url: text,
    title: text,
    slug: text,
    date: moment,
    dateline: text,
    summary: text,
    summaryHtml: text,
    updated: moment,
    author: text,
    source: text,
    draft: String,
    status: text,
    lang: (l) => shared.of(l),
    translationKey: text,
    translations: json,
    alternates: json,
    datelineParts: (d) => (d === undefined ? "" : `${d.city}\u0002${d.rest}\u0002${shared.of(d.place)}`),
    people: refs,
    organizations: refs,
    places: refs,
    related: (links) => links.map(link).join("\u0003"),
    previous: link,
    next: link,
    archive: json,
    image: json,
    section: (s) => shared.of(s),
    redirectFrom: json,
    authors: json,
    corrections: json,
    modified: moment,
  };
}

/**
 * The fields of an article a feed entry shows (render/feeds.ts), the body through `sourceHash`. A feed's
 * hash covers only these, so that an edit of an article does not render again every feed holding an
 * article that links to it (a related article's headline is on its page, not in its feed entry). A test
 * changes each other field and checks that no feed's bytes change.
 */
export const FEED_FIELDS = [
  "url",
  "title",
  "date",
  "updated",
  "modified",
  "summary",
  "sourceHash",
  "image",
  "author",
  "authors",
  "people",
  "organizations",
  "places",
] as const satisfies readonly (keyof Article)[];

/** The fields of an article its page hash covers (the body through `sourceHash`): every one but `html`. */
export const HASHED_ARTICLE_FIELDS: readonly string[] = Object.keys(articleFields(new SharedJson()));

/** Hashes of every paginated page, by output file. */
export function pageHashes(site: Site): Map<string, string> {
  const { full, list, feed, directory } = pageHasher(site);
  const pages = new Map<string, string>();
  for (const a of site.articles) pages.set(outputPath(a.url), full(a));
  for (const p of [...site.homePages, ...site.entityPages, ...site.archivePages, ...site.sectionPages])
    pages.set(outputPath(p.url), list(p));
  for (const d of site.directories) pages.set(outputPath(d.url), directory(d));
  for (const p of site.authorPages) pages.set(outputPath(p.url), list(p));
  for (const d of site.authorDirectories) pages.set(outputPath(d.url), hash(JSON.stringify(d)));
  for (const p of site.correctionPages) pages.set(outputPath(p.url), hash(JSON.stringify(p)));
  for (const f of site.feeds) setFeed(pages, f, feed(f));
  for (const r of site.redirects) pages.set(outputPath(r.from), hash(r.from, r.to, r.title, r.lang.tag));
  return pages;
}

/** The formats of a feed share one hash. */
function setFeed(pages: Map<string, string>, f: FeedSpec, h: string): void {
  pages.set(outputPath(f.feeds.atom), h);
  pages.set(outputPath(f.feeds.json), h);
  pages.set(outputPath(f.feeds.rss), h);
}

/**
 * The hashes of `previous` with those of the given pages made again: for the publishing mode, when an edit
 * changed only what these pages show (see patch.ts). Gives what `pageHashes` gives for the whole site.
 */
export function rehashPages(
  site: Site,
  previous: Iterable<[string, string]>,
  pages: { articles: readonly Article[]; lists: readonly ListPage[]; feeds: readonly FeedSpec[] },
): Map<string, string> {
  const { full, list, feed } = pageHasher(site);
  const hashes = new Map(previous);
  for (const a of pages.articles) hashes.set(outputPath(a.url), full(a));
  for (const p of pages.lists) hashes.set(outputPath(p.url), list(p));
  for (const f of pages.feeds) setFeed(hashes, f, feed(f));
  return hashes;
}

/** How each kind of page is hashed; objects shared by many pages are turned into JSON once. */
function pageHasher(site: Site) {
  const shared = new SharedJson();
  const fields = Object.entries(articleFields(shared)) as [keyof Article, (value: unknown) => string][];
  // The hash of some of an article's fields, made once per article.
  const hashOf = (shown: typeof fields) => {
    const made = new Map<Article, string>();
    return (a: Article) => {
      let h = made.get(a);
      if (!h) {
        h = hash(shown.map(([key, show]) => show(a[key])).join("\u0001"));
        made.set(a, h);
      }
      return h;
    };
  };
  const full = hashOf(fields);
  // What a listing shows of an article, hashed once per article.
  const teasers = new Map<Article, string>();
  const teaser = (a: Article) => {
    let t = teasers.get(a);
    if (t === undefined) {
      t = hash(
        a.url,
        a.title,
        a.date.iso,
        a.dateline ?? "",
        a.summaryHtml ?? "",
        a.status,
        a.image?.thumbnail.url ?? "",
      );
      teasers.set(a, t);
    }
    return t;
  };
  // The front page shows its lead in full (photo and all) and the sections' newest stories as teasers.
  const front = (p: ListPage) =>
    p.front
      ? [
          p.front.lead ? full(p.front.lead) : "",
          ...p.front.sections.map((b) => hash(JSON.stringify(b.section), ...b.articles.map(teaser))),
        ]
      : [];
  const list = (p: ListPage) =>
    hash(
      JSON.stringify({
        ...p,
        items: undefined,
        front: undefined,
        lang: undefined,
        entity: undefined,
        author: undefined,
        section: undefined,
      }),
      shared.of(p.lang),
      shared.of(p.entity),
      shared.of(p.author),
      shared.of(p.section),
      p.items.map(teaser).join(""),
      ...front(p),
    );
  // What a feed shows of an article, hashed once per article.
  const entry = hashOf(fields.filter(([key]) => (FEED_FIELDS as readonly string[]).includes(key)));
  const feed = (f: FeedSpec) =>
    hash(
      JSON.stringify({ ...f, articles: undefined }),
      f.articles.map(entry).join(""),
      f.articles.length === 0 ? emptyFeedTime(site) : "",
    );
  const directory = (d: EntityDirectory) => hash(JSON.stringify(d));
  return { full, list, feed, directory };
}

/** Each article page's output file → its content file. */
export function articleSources(site: Site): Map<string, string> {
  return new Map(site.articles.map((a) => [outputPath(a.url), a.file]));
}

/**
 * Which of `files` (relative to `outDir`) are files there now. One synchronous `stat` after another: the
 * operating system answers from its cache in microseconds, where a promise per file costs more than the
 * call (tens of thousands of files in a large archive).
 */
export function filesPresent(outDir: string, files: readonly string[]): boolean[] {
  return files.map((file) => statSync(path.join(outDir, file), { throwIfNoEntry: false })?.isFile() ?? false);
}

/** Decides what to render: everything, unless the previous output was built with the same fingerprint. */
export async function planRender(
  site: Site,
  outDir: string,
  incremental: boolean,
  known?: KnownPlan,
): Promise<RenderPlan> {
  const print = known?.fingerprint ?? (await fingerprint(site));
  // When everything is rendered, the hashes are needed only for the manifest written after rendering: they
  // are made on first use, which a build with a render worker times for while the worker still renders.
  let made = known?.hashes;
  const hashesOf = () => {
    made ??= pageHashes(site);
    return made;
  };
  const manifest: Manifest = {
    fingerprint: print,
    get pages() {
      return hashesOf();
    },
    outputs: new Map(),
    sources: known?.sources ?? articleSources(site),
  };
  const previous = await previousManifest(outDir, known);
  const was = previous ? { previous } : {};
  if (!incremental || !previous || previous.fingerprint !== print)
    return {
      get hashes() {
        return hashesOf();
      },
      makeHashes: hashesOf,
      reuse: [],
      manifest,
      ...was,
    };
  const hashes = hashesOf();

  const unchanged: string[] = [];
  for (const [file, h] of hashes) if (previous.pages.get(file) === h) unchanged.push(file);
  // A file deleted from the output since is rendered again. The publishing mode, modelling an edit on the
  // output it published itself a moment ago (`known`), does not look at every file for that.
  const present = known ? undefined : filesPresent(outDir, unchanged);
  const kept = present ? unchanged.filter((_, i) => present[i]) : unchanged;
  for (const file of known?.keep ?? []) if (previous.outputs.has(file)) kept.push(file);
  const reuse = new Set(kept);
  return {
    // The formats of a feed share one hash, so the renderer asks about the Atom file for all of them.
    select: (file) => !reuse.has(file),
    hashes,
    makeHashes: () => {},
    reuse: kept,
    manifest,
    previous,
  };
}
