import type { AuthorIndex } from "../content/bylines.ts";
import type {
  Article,
  AuthorDirectory,
  AuthorProfile,
  FeedSpec,
  Language,
  ListPage,
  SiteSettings,
} from "../core/types.ts";
import { authorsUrl, authorUrl, feedUrlsAt } from "../core/urls.ts";
import { paginate } from "./paginate.ts";
import { smallPhotoUrl } from "./photos.ts";

export interface AuthorListings {
  pages: ListPage[];
  directory: AuthorDirectory;
  feeds: FeedSpec[];
}

/** What the author listings of one language need from the rest of the Site. */
export interface AuthorContext {
  settings: SiteSettings;
  lang: Language;
  /** Every article, in the order of the index. */
  articles: readonly Article[];
  collator: Intl.Collator;
  render: (markdown: string) => string;
  t: (key: string, params?: Record<string, string | number>) => string;
  feedSize: number;
}

/**
 * The author pages of one language (`/authors/<slug>/`, paginated, with the author's bio, photo, role and
 * articles), their feeds (summaries, like an entity's), and the list of authors (`/authors/`, by name). An
 * author has a page in a language when they signed an article in it; an author file no article names keeps
 * its page in the default language.
 */
export function authorListings(index: AuthorIndex, ctx: AuthorContext): AuthorListings {
  const { settings, lang, articles } = ctx;
  const pages: ListPage[] = [];
  const feeds: FeedSpec[] = [];
  const entries: AuthorDirectory["entries"] = [];
  for (const author of index.authors) {
    const list = author.articleIndexes
      .map((i) => articles[i])
      .filter((a): a is Article => a !== undefined && a.lang.tag === lang.tag);
    if (list.length === 0 && !(lang.isDefault && author.articleIndexes.length === 0)) continue;
    const url = authorUrl(author.slug, lang.prefix);
    const entry = author.entry;
    const profile: AuthorProfile = {
      name: author.name,
      slug: author.slug,
      url,
      sameAs: entry?.sameAs ?? [],
      articleCount: list.length,
      feeds: feedUrlsAt(url),
      ...(entry?.role !== undefined ? { role: entry.role } : {}),
      ...(entry?.bio !== undefined ? { bio: entry.bio } : {}),
      ...(entry?.image !== undefined
        ? { image: entry.photo ? smallPhotoUrl(entry.photo) : entry.image }
        : {}),
      ...(entry?.email !== undefined ? { email: entry.email } : {}),
      ...(entry?.body.trim() ? { html: ctx.render(entry.body) } : {}),
    };
    pages.push(
      ...paginate(url, list, settings.perPage, author.name, {
        author: profile,
        feeds: profile.feeds,
        lang,
        pageTitle: (title, page) => ctx.t("listing.page-title", { title, page }),
      }),
    );
    feeds.push({
      title: `${author.name} · ${settings.title}`,
      description: entry?.bio ?? ctx.t("feed.by-author", { name: author.name }),
      pageUrl: url,
      feeds: profile.feeds,
      articles: list.filter((a) => a.status === "published").slice(0, ctx.feedSize),
      fullText: false,
      language: lang.tag,
    });
    entries.push({
      name: author.name,
      url,
      count: list.length,
      ...(entry?.role !== undefined ? { role: entry.role } : {}),
    });
  }
  entries.sort((a, b) => ctx.collator.compare(a.name, b.name) || (a.url < b.url ? -1 : 1));
  return {
    pages,
    feeds,
    directory: { lang, title: ctx.t("authors.title"), url: authorsUrl(lang.prefix), entries },
  };
}
