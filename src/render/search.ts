import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Tokenizer } from "htmlparser2";
import { close, createIndex } from "pagefind";
import { codePointText } from "../content/markdown/clean-html.ts";
import { mapLimit } from "../core/limit.ts";
import type { Article } from "../core/types.ts";
import { shardArticles } from "../site/search-shards.ts";

/** The search index's folder in the output. */
export const SEARCH_DIR = "pagefind";

/** Elements that separate words: their tags become spaces; every other tag joins its neighbours. */
const BLOCK_TAGS = new Set([
  ..."address article aside blockquote br caption dd details div dl dt figcaption figure footer".split(" "),
  ..."h1 h2 h3 h4 h5 h6 header hr iframe img li main nav ol p pre section summary table tbody td tfoot th".split(
    " ",
  ),
  ..."thead tr ul".split(" "),
]);

/** Elements whose content is not readable text. */
const HIDDEN_TAGS = new Set(["script", "style", "template", "noscript", "iframe", "textarea"]);

/**
 * The readable text of rendered article HTML, for the search index. Streams the HTML through htmlparser2's
 * tokenizer, which keeps no element stack: linear in the length of the HTML, whatever its markup or
 * nesting. Character references are decoded; one out of range or a surrogate becomes U+FFFD.
 */
export function plainText(html: string): string {
  const parts: string[] = [];
  const hidden = new Map<string, number>();
  let hiddenCount = 0;
  let name = "";
  const tag = (tagName: string, delta: 1 | -1) => {
    if (HIDDEN_TAGS.has(tagName)) {
      const now = Math.max(0, (hidden.get(tagName) ?? 0) + delta);
      hiddenCount += now - (hidden.get(tagName) ?? 0);
      hidden.set(tagName, now);
    } else if (BLOCK_TAGS.has(tagName)) parts.push(" ");
  };
  const text = (value: string) => {
    if (hiddenCount === 0) parts.push(value);
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => text(html.slice(start, end)),
      ontextentity: (cp) => text(codePointText(cp)),
      onopentagname(start, end) {
        name = html.slice(start, end).toLowerCase();
      },
      onopentagend: () => tag(name, 1),
      onselfclosingtag: () => tag(name, 1),
      onclosetag: (start, end) => tag(html.slice(start, end).toLowerCase(), -1),
      onattribname() {},
      onattribdata() {},
      onattribentity() {},
      onattribend() {},
      oncomment() {},
      oncdata() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** Pagefind's language of a tag: the base language (`zh-CN` → `zh`), whose stemming it knows. */
export function searchLanguage(tag: string): string {
  return tag.split("-")[0]?.toLowerCase() ?? "en";
}

/**
 * One search record per published article: its text, title and date, in its language (each shard is one
 * language's index, and a search page searches the shards of its language), filterable by its entities.
 * The body is rendered for the record and not kept, so indexing the archive never holds every body at once.
 */
export function searchRecord(article: Article) {
  return {
    url: article.url,
    language: searchLanguage(article.lang.tag),
    content: [article.title, article.dateline ?? "", article.summary ?? "", plainText(article.html)].join(
      "\n",
    ),
    meta: {
      title: article.title,
      date: article.date.iso,
      ...(article.summary ? { summary: article.summary } : {}),
    },
    filters: {
      person: article.people.map((r) => r.name),
      organization: article.organizations.map((r) => r.name),
      place: article.places.map((r) => r.name),
    },
  };
}

/**
 * Pagefind's interface files: written once into `pagefind/` for every search page, not into each shard.
 * A shard keeps the search library (`pagefind.js`, its worker and WebAssembly) and its index.
 */
export function isInterfaceFile(name: string): boolean {
  return /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$|^pagefind-highlight\.js$/.test(name);
}

export interface SearchIndexOptions {
  /** Index only these shards (keys, see search-shards.ts); all when absent. */
  shards?: ReadonlySet<string>;
  /** Write Pagefind's interface files into `pagefind/` (default true). */
  interfaceFiles?: boolean;
}

/**
 * Builds the Pagefind search index into `<outDir>/pagefind/<shard>/` from the articles themselves (custom
 * records), one shard per language and year, so no rendered HTML has to be read back and parsed; only
 * published articles are searchable, filterable by person, organization and place. Shards are indexed one
 * after the other, each index released before the next, so memory holds one shard at a time. Returns
 * the number of records indexed.
 */
export function buildSearchIndex(
  articles: readonly Article[],
  outDir: string,
  options: SearchIndexOptions = {},
): Promise<number> {
  // Pagefind's Node API drives one shared backend process, which `close()` ends: one build at a time.
  const run = queue.then(() => indexShards(articles, outDir, options));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

interface IndexFile {
  path: string;
  content: Uint8Array;
}

/** Writes Pagefind's files (a fragment per page): synchronously, cheaper than a round trip per file. */
async function writeFiles(dir: string, files: readonly IndexFile[]): Promise<void> {
  const targets = files.map((f) => ({ target: path.join(dir, f.path), content: f.content }));
  for (const folder of new Set(targets.map((f) => path.dirname(f.target))))
    mkdirSync(folder, { recursive: true });
  for (const f of targets) writeFileSync(f.target, f.content);
}

/** Indexes one shard's records and returns Pagefind's files; the index is released afterwards. */
async function indexShard(records: readonly Article[], language: string): Promise<IndexFile[]> {
  const { index, errors } = await createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    const results = await mapLimit(records, 256, (a) => index.addCustomRecord(searchRecord(a)));
    const failed = results.flatMap((r) => r.errors);
    if (failed.length > 0) throw new Error(`Pagefind indexing failed: ${failed.join("; ")}`);
    // The index comes back as bytes and is written here: when Pagefind writes files itself and a write
    // fails (a full disk, a file in the way), its backend panics and its promise never settles.
    const built = await index.getFiles();
    if (built.errors.length > 0)
      throw new Error(`Pagefind could not build its index: ${built.errors.join("; ")}`);
    return built.files;
  } finally {
    await index.deleteIndex();
  }
}

async function indexShards(
  articles: readonly Article[],
  outDir: string,
  options: SearchIndexOptions,
): Promise<number> {
  const root = path.join(outDir, SEARCH_DIR);
  let indexed = 0;
  let interfaceFiles = options.interfaceFiles ?? true;
  try {
    for (const [key, records] of shardArticles(articles)) {
      if (options.shards && !options.shards.has(key)) continue;
      const files = await indexShard(records, searchLanguage(records[0]?.lang.tag ?? "en"));
      await writeFiles(
        path.join(root, ...key.split("/")),
        files.filter((f) => !isInterfaceFile(f.path)),
      );
      if (interfaceFiles) {
        await writeFiles(
          root,
          files.filter((f) => isInterfaceFile(f.path)),
        );
        interfaceFiles = false;
      }
      indexed += records.length;
    }
    // No shard indexed (no article, or every shard kept): the interface files come from an empty index.
    if (interfaceFiles)
      await writeFiles(
        root,
        (await indexShard([], "en")).filter((f) => isInterfaceFile(f.path)),
      );
    return indexed;
  } finally {
    await close();
  }
}
