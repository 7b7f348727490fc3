import path from "node:path";
import { close, createIndex } from "pagefind";
import type { Article } from "../core/types.ts";

/** The search index's folder in the output. */
export const SEARCH_DIR = "pagefind";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
  apos: "'",
  nbsp: " ",
};

/** The readable text of rendered article HTML, for the search index. */
export function plainText(html: string): string {
  return html
    .replace(
      /<\/?(?:p|li|ul|ol|h[1-6]|blockquote|br|div|tr|td|th|table|pre|hr|figure|figcaption)\b[^>]*>/gi,
      " ",
    )
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x?[0-9a-f]+|[a-z]+[0-9]*);/gi, (whole, name: string) => {
      if (name in ENTITIES) return ENTITIES[name] ?? whole;
      if (name.startsWith("#x") || name.startsWith("#X"))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return whole;
    })
    .replace(/\s+/g, " ")
    .trim();
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
