import { DateTime } from "luxon";
import type { Article, Language, ListPage } from "../core/types.ts";
import { archiveUrl } from "../core/urls.ts";
import { paginate } from "./paginate.ts";

/** Archive listings are denser than the home page: 100 articles a page. */
export const ARCHIVE_PER_PAGE = 100;

/**
 * `2022/12/15/slug` → the article's year and month archive links, in the site's time zone and the article's
 * language (`dekabr 2022` in az), under the language's prefix.
 */
export function archiveOf(datePath: string, language: string, prefix = ""): Article["archive"] {
  const [year = "", month = ""] = datePath.split("/");
  // Articles of one month share its links: made once per month, language and prefix (luxon's formatting
  // costs several microseconds, tens of thousands of times in an archive).
  const key = `${year}/${month}\u0000${language}\u0000${prefix}`;
  let archive = archives.get(key);
  if (!archive) {
    archive = monthArchive(year, month, language, prefix);
    archives.set(key, archive);
  }
  return archive;
}

const archives = new Map<string, Article["archive"]>();

function monthArchive(year: string, month: string, language: string, prefix: string): Article["archive"] {
  const monthName = DateTime.fromObject({ year: Number(year), month: Number(month) })
    .setLocale(language)
    .toFormat("LLLL yyyy");
  return {
    year,
    yearUrl: archiveUrl(year, undefined, prefix),
    month: monthName,
    monthUrl: archiveUrl(year, month, prefix),
  };
}

/** `/YYYY/` and `/YYYY/MM/` listings of every article of that year or month in one language, newest first. */
export function archivePages(
  articles: readonly Article[],
  lang: Language,
  pageTitle?: (title: string, page: number) => string,
): ListPage[] {
  const byPeriod = new Map<string, { title: string; items: Article[] }>();
  const add = (url: string, title: string, article: Article) => {
    const period = byPeriod.get(url);
    if (period) period.items.push(article);
    else byPeriod.set(url, { title, items: [article] });
  };
  for (const article of articles) {
    add(article.archive.yearUrl, article.archive.year, article);
    add(article.archive.monthUrl, article.archive.month, article);
  }
  return [...byPeriod]
    .sort(([a], [b]) => (a < b ? 1 : -1))
    .flatMap(([url, period]) =>
      paginate(url, period.items, ARCHIVE_PER_PAGE, period.title, {
        lang,
        ...(pageTitle ? { pageTitle } : {}),
      }),
    );
}
