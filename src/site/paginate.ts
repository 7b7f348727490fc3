import type {
  Article,
  AuthorProfile,
  EntityProfile,
  FeedLinks,
  Language,
  ListPage,
  PageLink,
  Section,
} from "../core/types.ts";
import { listPageUrl } from "../core/urls.ts";

/**
 * Splits a listing into pages of `perPage` items. Eleventy paginates only one level, so entity pages are
 * built here as chunks and the template paginates over the chunks with size 1. An empty listing still
 * has one (empty) page.
 */
/** Pages within this distance of the current one are linked, besides the first and the last. */
const WINDOW = 2;

/**
 * The pager of page `current` of `total`: the first and last pages, the pages around the current one, and a
 * gap where numbers are skipped. Its size stays constant however long the listing grows.
 */
export function pageLinks(baseUrl: string, current: number, total: number): PageLink[] {
  const numbers = [
    ...new Set([1, ...Array.from({ length: 2 * WINDOW + 1 }, (_, i) => current - WINDOW + i), total]),
  ]
    .filter((n) => n >= 1 && n <= total)
    .sort((a, b) => a - b);
  const links: PageLink[] = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - (numbers[i - 1] ?? n) > 1) links.push({ gap: true });
    links.push({ number: n, url: listPageUrl(baseUrl, n), current: n === current });
  });
  return links;
}

/** What a listing's pages share besides their items: the language, and the entity or feeds they announce. */
export interface ListingExtra {
  lang: Language;
  entity?: EntityProfile;
  author?: AuthorProfile;
  feeds?: FeedLinks;
  section?: Section;
  /** The title of page N ≥ 2, in the listing's language; `<title>, page N` when absent. */
  pageTitle?: (title: string, page: number) => string;
}

export function paginate(
  baseUrl: string,
  items: Article[],
  perPage: number,
  title: string,
  extra: ListingExtra,
): ListPage[] {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const urls = Array.from({ length: totalPages }, (_, i) => listPageUrl(baseUrl, i + 1));
  return urls.map((url, i) => {
    const page: ListPage = {
      url,
      pageNumber: i + 1,
      totalPages,
      totalItems: items.length,
      items: items.slice(i * perPage, (i + 1) * perPage),
      pageLinks: totalPages > 1 ? pageLinks(baseUrl, i + 1, totalPages) : [],
      title: i === 0 ? title : (extra.pageTitle?.(title, i + 1) ?? `${title}, page ${i + 1}`),
      lang: extra.lang,
    };
    if (i > 0) page.previousUrl = urls[i - 1];
    if (i < totalPages - 1) page.nextUrl = urls[i + 1];
    if (extra.entity) page.entity = extra.entity;
    if (extra.author) page.author = extra.author;
    if (extra.feeds) page.feeds = extra.feeds;
    if (extra.section) page.section = extra.section;
    return page;
  });
}
