import type { Article, EntityProfile, FeedLinks, ListPage } from "./types.ts";
import { listPageUrl } from "./urls.ts";

/**
 * Splits a listing into pages of `perPage` items. Eleventy paginates only one level, so entity pages are
 * built here as chunks and the template paginates over the chunks with size 1. An empty listing still
 * has one (empty) page.
 */
export function paginate(
  baseUrl: string,
  items: Article[],
  perPage: number,
  title: string,
  extra: { entity?: EntityProfile; feeds?: FeedLinks } = {},
): ListPage[] {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const hrefs = Array.from({ length: totalPages }, (_, i) => listPageUrl(baseUrl, i + 1));
  return hrefs.map((url, i) => {
    const page: ListPage = {
      url,
      pageNumber: i + 1,
      totalPages,
      totalItems: items.length,
      items: items.slice(i * perPage, (i + 1) * perPage),
      hrefs,
      title: i === 0 ? title : `${title}, page ${i + 1}`,
    };
    if (i > 0) page.previousUrl = hrefs[i - 1];
    if (i < totalPages - 1) page.nextUrl = hrefs[i + 1];
    if (extra.entity) page.entity = extra.entity;
    if (extra.feeds) page.feeds = extra.feeds;
    return page;
  });
}
