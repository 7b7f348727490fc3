import type {
  Article,
  CorrectionEntry,
  CorrectionsPage,
  FeedSpec,
  Language,
  SiteSettings,
} from "../core/types.ts";
import { correctionsUrl, feedUrlsAt, listPageUrl } from "../core/urls.ts";
import { pageLinks } from "./paginate.ts";

/** The newest correction first; on one moment, by the article's URL, so the order never depends on input. */
function byNewest(a: CorrectionEntry, b: CorrectionEntry): number {
  return (
    b.date.epoch - a.date.epoch ||
    (a.article.url < b.article.url ? -1 : a.article.url > b.article.url ? 1 : 0)
  );
}

/**
 * The corrections of one language: the paginated `/corrections/` page (every correction of its published
 * articles, newest first, each linking to its article) and its feed, which lists the corrected articles,
 * most recently corrected first (each entry's `updated` is the article's latest change). With no
 * corrections there is still one page, saying so, and an empty feed.
 */
export function correctionListings(
  articles: readonly Article[],
  lang: Language,
  settings: SiteSettings,
  t: (key: string, params?: Record<string, string | number>) => string,
  feedSize: number,
): { pages: CorrectionsPage[]; feed: FeedSpec } {
  const own = articles.filter((a) => a.lang.tag === lang.tag && a.status === "published");
  const entries: CorrectionEntry[] = own
    .flatMap((a) =>
      (a.corrections ?? []).map((c) => ({
        date: c.date,
        text: c.text,
        article: { url: a.url, title: a.title, date: a.date },
      })),
    )
    .sort(byNewest);
  const base = correctionsUrl(lang.prefix);
  const feeds = feedUrlsAt(base);
  const title = t("corrections.title");
  const totalPages = Math.max(1, Math.ceil(entries.length / settings.perPage));
  const pages = Array.from({ length: totalPages }, (_, i): CorrectionsPage => {
    const page: CorrectionsPage = {
      url: listPageUrl(base, i + 1),
      pageNumber: i + 1,
      totalPages,
      title: i === 0 ? title : t("listing.page-title", { title, page: i + 1 }),
      items: entries.slice(i * settings.perPage, (i + 1) * settings.perPage),
      pageLinks: totalPages > 1 ? pageLinks(base, i + 1, totalPages) : [],
      feeds,
      lang,
    };
    if (i > 0) page.previousUrl = listPageUrl(base, i);
    if (i < totalPages - 1) page.nextUrl = listPageUrl(base, i + 2);
    return page;
  });
  const latest = (a: Article) => Math.max(...(a.corrections ?? []).map((c) => c.date.epoch));
  const corrected = own
    .filter((a) => (a.corrections ?? []).length > 0)
    .sort((a, b) => latest(b) - latest(a) || (a.url < b.url ? -1 : 1));
  const feed: FeedSpec = {
    title: `${title} · ${settings.title}`,
    description: t("corrections.description"),
    pageUrl: base,
    feeds,
    articles: corrected.slice(0, feedSize),
    fullText: false,
    language: lang.tag,
  };
  return { pages, feed };
}
