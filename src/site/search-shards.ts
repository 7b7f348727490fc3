import type { Article, SearchShard } from "../core/types.ts";
import { searchShardUrl } from "../core/urls.ts";

/**
 * The search index is split into shards, one per language and year of publication: an edit re-indexes only
 * its article's shard, and a language's search page searches only its own language's shards (Pagefind,
 * given an index without the page's language, would fall back to another language).
 */

/** An article's shard key: its language tag in lower case and its year, `en/2024`, `zh-cn/2019`. */
export function shardKey(article: Article): string {
  return `${article.lang.tag.toLowerCase()}/${article.archive.year}`;
}

/** The published articles of each shard, by shard key, keys sorted; articles in the site's order. */
export function shardArticles(articles: readonly Article[]): Map<string, Article[]> {
  const shards = new Map<string, Article[]>();
  for (const article of articles) {
    if (article.status !== "published") continue;
    const key = shardKey(article);
    const list = shards.get(key);
    if (list) list.push(article);
    else shards.set(key, [article]);
  }
  return new Map([...shards].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A language's shards, newest year first: the first is the search page's primary index. */
export function languageShards(articles: readonly Article[], tag: string): SearchShard[] {
  const prefix = `${tag.toLowerCase()}/`;
  return [...shardArticles(articles).keys()]
    .filter((key) => key.startsWith(prefix))
    .map((key) => ({ key, url: searchShardUrl(key) }))
    .reverse();
}
