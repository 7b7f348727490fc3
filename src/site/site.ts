import { createHash } from "node:crypto";
import path from "node:path";
import { DateTime } from "luxon";
import { indexEntities } from "../content/entities.ts";
import { type ParsedDocument, parseDocument } from "../content/frontmatter.ts";
import { displayPath, readSources } from "../content/load.ts";
import { createMarkdown } from "../content/markdown.ts";
import { loadRegistry } from "../content/registry.ts";
import { loadSettings } from "../content/settings.ts";
import { validateArticle } from "../content/validate.ts";
import { diagnostic, hasErrors } from "../core/diagnostics.ts";
import type {
  Article,
  ArticleInput,
  ArticleLink,
  ArticleStatus,
  Diagnostic,
  RegistryEntry,
  Site,
  SiteSettings,
} from "../core/types.ts";
import { articleUrl } from "../core/urls.ts";
import { archiveOf } from "./archives.ts";
import { assemble } from "./assemble.ts";
import { relatedArticles } from "./related.ts";

export interface BuildSiteOptions {
  /** The content folder: `site.json`, `articles/` and the optional registry folders. */
  contentDir: string;
  /** The moment of the build (ISO 8601); fixed in tests so output is reproducible. Defaults to now. */
  buildTime?: string;
  /** Show drafts and scheduled (future) articles, marked as such (the dev server does). */
  preview?: boolean;
  /** Told how many article files have been read, for a progress display. */
  onLoaded?: (done: number, total: number) => void;
}

export interface SiteResult {
  site?: Site;
  diagnostics: Diagnostic[];
}

export function byNewest(a: ArticleInput, b: ArticleInput): number {
  return b.date.epoch - a.date.epoch || (a.datePath + a.slug < b.datePath + b.slug ? -1 : 1);
}

function statusOf(input: ArticleInput, now: number): ArticleStatus {
  if (input.draft) return "draft";
  return input.date.epoch > now ? "scheduled" : "published";
}

export function findDuplicateUrls(articles: readonly ArticleInput[]): Diagnostic[] {
  const byUrl = new Map<string, ArticleInput[]>();
  for (const a of articles) {
    const url = articleUrl(a.datePath, a.slug);
    byUrl.set(url, [...(byUrl.get(url) ?? []), a]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue;
    for (const a of group) {
      const others = group
        .filter((o) => o !== a)
        .map((o) => o.file)
        .join(", ");
      diagnostics.push(
        diagnostic(
          "error",
          "article/duplicate-url",
          a.file,
          a.fieldLines.slug ?? 1,
          `two articles have the URL ${url}: this one and ${others}`,
          {
            field: "slug",
            hint: "give one of them a different `slug` or file name",
          },
        ),
      );
    }
  }
  return diagnostics;
}

export interface LoadedContent {
  settings: SiteSettings;
  buildTime: DateTime;
  registry: RegistryEntry[];
  /** Every valid article, whatever its status, in file order. */
  articles: { input: ArticleInput; status: ArticleStatus; document: ParsedDocument }[];
  diagnostics: Diagnostic[];
}

/**
 * Reads and validates every content file: settings, registry and articles. Never throws on bad content;
 * shared by the build and by `npm run check`.
 */
export async function loadContent(
  options: BuildSiteOptions,
): Promise<{ content?: LoadedContent; diagnostics: Diagnostic[] }> {
  const settingsFile = path.join(options.contentDir, "site.json");
  const { settings, diagnostics } = await loadSettings(settingsFile, displayPath(settingsFile));
  if (!settings) return { diagnostics };

  const buildTime = DateTime.fromISO(options.buildTime ?? new Date().toISOString(), { setZone: true });
  if (!buildTime.isValid) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "build/invalid-build-time",
          "(options)",
          1,
          `build time ${options.buildTime} is not an ISO 8601 date-time`,
        ),
      ],
    };
  }
  const now = buildTime.toMillis();
  const registry = await loadRegistry(options.contentDir);
  diagnostics.push(...registry.diagnostics);

  const articles: LoadedContent["articles"] = [];
  const read = await readSources(path.join(options.contentDir, "articles"), { root: options.contentDir });
  diagnostics.push(...read.diagnostics);
  const sources = read.sources;
  for (const [i, source] of sources.entries()) {
    if (options.onLoaded && (i % 250 === 0 || i === sources.length - 1))
      options.onLoaded(i + 1, sources.length);
    const parsed = parseDocument(source.file, source.raw);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const { article, diagnostics: problems } = validateArticle(parsed.document, settings);
    diagnostics.push(...problems);
    if (article) article.sourceHash = createHash("sha1").update(source.raw).digest("hex");
    if (article) articles.push({ input: article, status: statusOf(article, now), document: parsed.document });
  }
  return { content: { settings, buildTime, registry: registry.entries, articles, diagnostics }, diagnostics };
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

/** Reads and validates the whole content folder. Valid input gives a `Site`; any error gives none. */
export async function buildSite(options: BuildSiteOptions): Promise<SiteResult> {
  const { content, diagnostics } = await loadContent(options);
  if (!content) return { diagnostics };
  const { settings, buildTime } = content;
  const preview = options.preview ?? false;
  const visible = content.articles.filter((a) => a.status === "published" || preview);
  const statuses = new Map(visible.map((a) => [a.input, a.status]));
  const inputs = visible.map((a) => a.input);
  inputs.sort(byNewest);
  diagnostics.push(...findDuplicateUrls(inputs));

  const collator = new Intl.Collator(settings.language, { sensitivity: "base", numeric: true });
  const index = indexEntities(inputs, content.registry, collator);
  diagnostics.push(...index.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };

  const md = createMarkdown();
  const allRefs = index.refs.map((r) => [...r.person, ...r.organization, ...r.place]);
  const related = relatedArticles(allRefs);
  const links: ArticleLink[] = inputs.map((a) => ({
    url: articleUrl(a.datePath, a.slug),
    title: a.title,
    date: a.date,
  }));
  const linksAt = (indexes: number[]) =>
    indexes.map((i) => links[i]).filter((l): l is ArticleLink => l !== undefined);

  const articles: Article[] = inputs.map((input, i) => {
    const refs = index.refs[i] ?? { person: [], organization: [], place: [] };
    const article: Omit<Article, "html"> = {
      file: input.file,
      sourceHash: input.sourceHash ?? "",
      url: articleUrl(input.datePath, input.slug),
      title: input.title,
      slug: input.slug,
      date: input.date,
      draft: input.draft,
      status: statuses.get(input) ?? "published",
      people: refs.person,
      organizations: refs.organization,
      places: refs.place,
      related: linksAt(related[i] ?? []),
      archive: archiveOf(input.datePath, settings.language),
    };
    const older = links[i + 1];
    const newer = links[i - 1];
    if (older) article.previous = older;
    if (newer) article.next = newer;
    if (input.dateline !== undefined) {
      article.dateline = input.dateline;
      if (input.datelineCity) {
        const place = index.resolve("place", input.datelineCity);
        const rest = input.dateline.slice(
          input.dateline.indexOf(input.datelineCity) + input.datelineCity.length,
        );
        article.datelineParts = { city: input.datelineCity, rest, ...(place ? { place } : {}) };
      }
    }
    if (input.summary !== undefined) article.summary = input.summary;
    if (input.updated !== undefined) article.updated = input.updated;
    if (input.author !== undefined) article.author = input.author;
    if (input.source !== undefined) article.source = input.source;
    return withLazyHtml(article, () => md.render(input.body));
  });

  const site = assemble({
    settings,
    buildTime: buildTime.toISO() ?? "",
    preview,
    articles,
    index,
    allRefs,
    collator,
    render: (body) => md.render(body),
  });
  return { site, diagnostics };
}
