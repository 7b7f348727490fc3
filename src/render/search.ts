import path from "node:path";
import { Parser } from "htmlparser2";
import { close, createIndex } from "pagefind";
import type { Article } from "../core/types.ts";

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
 * tokenizer (linear in its length, whatever the markup), which decodes character references: one out of
 * range or a surrogate becomes U+FFFD.
 */
export function plainText(html: string): string {
  const parts: string[] = [];
  let hidden = 0;
  const parser = new Parser(
    {
      ontext(text) {
        if (hidden === 0) parts.push(text);
      },
      onopentag(name) {
        if (HIDDEN_TAGS.has(name)) hidden++;
        else if (BLOCK_TAGS.has(name)) parts.push(" ");
      },
      onclosetag(name) {
        if (HIDDEN_TAGS.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_TAGS.has(name)) parts.push(" ");
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** One search record per published article: its text, title and date, filterable by its entities. */
function record(article: Article, language: string) {
  return {
    url: article.url,
    language,
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
 * Builds the Pagefind search index into `<outDir>/pagefind/` from the articles themselves (custom records),
 * so no rendered HTML has to be read back and parsed; only published articles are searchable, filterable
 * by person, organization and place. Returns the number of records indexed.
 */
export function buildSearchIndex(
  articles: readonly Article[],
  outDir: string,
  language: string,
): Promise<number> {
  // Pagefind's Node API drives one shared backend process, which `close()` ends: one index at a time.
  const run = queue.then(() => indexOnce(articles, outDir, language.split("-")[0] ?? "en"));
  queue = run.catch(() => undefined);
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function indexOnce(articles: readonly Article[], outDir: string, language: string): Promise<number> {
  const { index, errors } = await createIndex({ forceLanguage: language });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const BATCH = 256;
    const published = articles.filter((a) => a.status === "published");
    for (let i = 0; i < published.length; i += BATCH) {
      const results = await Promise.all(
        published.slice(i, i + BATCH).map((a) => index.addCustomRecord(record(a, language))),
      );
      const failed = results.flatMap((r) => r.errors);
      if (failed.length > 0) throw new Error(`Pagefind indexing failed: ${failed.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outDir, SEARCH_DIR) });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    return published.length;
  } finally {
    await close();
  }
}
