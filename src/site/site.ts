import { type Content, type ContentOptions, loadContent } from "../content/content.ts";
import { createMarkdown } from "../content/markdown.ts";
import { hasErrors } from "../core/diagnostics.ts";
import type { Article, ArticleLink, Diagnostic, Site } from "../core/types.ts";
import { articleUrl } from "../core/urls.ts";
import { archiveOf } from "./archives.ts";
import { assemble } from "./assemble.ts";
import { relatedArticles } from "./related.ts";

/** What a site is built from: the content folder, the build's moment, and whether to preview. */
export type BuildSiteOptions = ContentOptions;

export interface SiteResult {
  site?: Site;
  diagnostics: Diagnostic[];
}

/**
 * Gives an article its rendered body as a property computed on first use and then kept: an incremental
 * build renders the markdown of the changed pages only (and of the rest when the search index wants it).
 * The property is not enumerable, so page hashes and JSON views of the article leave it out.
 */
function withLazyHtml(article: Omit<Article, "html">, render: () => string): Article {
  let html: string | undefined;
  Object.defineProperty(article, "html", {
    enumerable: false,
    get: () => {
      html ??= render();
      return html;
    },
  });
  return article as Article;
}

/** Reads and checks the content folder, then models the site. Valid content gives a `Site`; any error, none. */
export async function buildSite(options: BuildSiteOptions): Promise<SiteResult> {
  const { content, diagnostics } = await loadContent(options);
  if (!content || hasErrors(diagnostics)) return { diagnostics };
  return { site: siteFrom(content, options.preview ?? false), diagnostics };
}

/** The site model of checked content: articles with their entities, related coverage and neighbours. */
export function siteFrom(content: Content, preview: boolean): Site {
  const { settings, buildTime, index } = content;
  const md = createMarkdown({ embedHosts: settings.embedHosts });
  const allRefs = index.refs.map((r) => [...r.person, ...r.organization, ...r.place]);
  const related = relatedArticles(allRefs);
  const links: ArticleLink[] = content.articles.map(({ input }) => ({
    url: articleUrl(input.datePath, input.slug),
    title: input.title,
    date: input.date,
  }));
  const linksAt = (indexes: number[]) =>
    indexes.map((i) => links[i]).filter((l): l is ArticleLink => l !== undefined);

  const articles: Article[] = content.articles.map(({ input, status }, i) => {
    const refs = index.refs[i] ?? { person: [], organization: [], place: [] };
    const { dateline, datelineCity, summary, updated, author, source } = input;
    const place = datelineCity ? index.resolve("place", datelineCity) : undefined;
    const older = links[i + 1];
    const newer = links[i - 1];
    const article: Omit<Article, "html"> = {
      file: input.file,
      sourceHash: input.sourceHash ?? "",
      url: articleUrl(input.datePath, input.slug),
      title: input.title,
      slug: input.slug,
      date: input.date,
      draft: input.draft,
      status,
      people: refs.person,
      organizations: refs.organization,
      places: refs.place,
      related: linksAt(related[i] ?? []),
      archive: archiveOf(input.datePath, settings.language),
      ...(older ? { previous: older } : {}),
      ...(newer ? { next: newer } : {}),
      ...(dateline !== undefined ? { dateline } : {}),
      ...(dateline !== undefined && datelineCity
        ? {
            datelineParts: {
              city: datelineCity,
              rest: dateline.slice(dateline.indexOf(datelineCity) + datelineCity.length),
              ...(place ? { place } : {}),
            },
          }
        : {}),
      ...(summary !== undefined ? { summary } : {}),
      ...(updated !== undefined ? { updated } : {}),
      ...(author !== undefined ? { author } : {}),
      ...(source !== undefined ? { source } : {}),
    };
    return withLazyHtml(article, () => md.render(input.body));
  });

  return assemble({
    settings,
    buildTime: buildTime.toISO() ?? "",
    preview,
    articles,
    index,
    allRefs,
    collator: content.collator,
    render: (body) => md.render(body),
  });
}
