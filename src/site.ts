import path from "node:path";
import { DateTime } from "luxon";
import { diagnostic, hasErrors } from "./diagnostics.ts";
import { indexEntities } from "./entities.ts";
import { parseDocument } from "./frontmatter.ts";
import { displayPath, loadSources } from "./load.ts";
import { createMarkdown } from "./markdown.ts";
import { paginate } from "./paginate.ts";
import { loadSettings } from "./settings.ts";
import {
  type Article,
  type ArticleInput,
  type Diagnostic,
  ENTITY_KINDS,
  type EntityDirectory,
  type EntityKind,
  type Site,
  type SiteSettings,
} from "./types.ts";
import { articleUrl, directoryUrl } from "./urls.ts";
import { validateArticle } from "./validate.ts";

export interface BuildSiteOptions {
  /** The content folder: `site.json` and `articles/`. */
  contentDir: string;
  /** The moment of the build (ISO 8601); fixed in tests so output is reproducible. Defaults to now. */
  buildTime?: string;
  /** Include `draft: true` articles (the dev server does). */
  includeDrafts?: boolean;
}

export interface SiteResult {
  site?: Site;
  diagnostics: Diagnostic[];
}

const DIRECTORY_TITLE: Record<EntityKind, string> = { person: "People", organization: "Organizations" };

function byNewest(a: ArticleInput, b: ArticleInput): number {
  return b.date.epoch - a.date.epoch || (a.datePath + a.slug < b.datePath + b.slug ? -1 : 1);
}

function findDuplicateUrls(articles: readonly ArticleInput[]): Diagnostic[] {
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

/** Reads and validates the whole content folder. Valid input gives a `Site`; any error gives none. */
export async function buildSite(options: BuildSiteOptions): Promise<SiteResult> {
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

  const inputs: ArticleInput[] = [];
  for (const source of await loadSources(path.join(options.contentDir, "articles"))) {
    const parsed = parseDocument(source.file, source.raw);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    const validated = validateArticle(parsed.document, settings);
    diagnostics.push(...validated.diagnostics);
    if (validated.article && (options.includeDrafts || !validated.article.draft))
      inputs.push(validated.article);
  }
  inputs.sort(byNewest);
  diagnostics.push(...findDuplicateUrls(inputs));

  const collator = new Intl.Collator(settings.language, { sensitivity: "base", numeric: true });
  const index = indexEntities(inputs, collator);
  diagnostics.push(...index.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };

  const md = createMarkdown();
  const articles: Article[] = inputs.map((input, i) => {
    const refs = index.refs[i] ?? { person: [], organization: [] };
    const article: Article = {
      file: input.file,
      url: articleUrl(input.datePath, input.slug),
      title: input.title,
      slug: input.slug,
      date: input.date,
      draft: input.draft,
      people: refs.person,
      organizations: refs.organization,
      html: md.render(input.body),
    };
    if (input.dateline !== undefined) article.dateline = input.dateline;
    if (input.summary !== undefined) article.summary = input.summary;
    if (input.updated !== undefined) article.updated = input.updated;
    if (input.author !== undefined) article.author = input.author;
    if (input.source !== undefined) article.source = input.source;
    return article;
  });

  return { site: assemble(settings, buildTime.toISO() ?? "", articles, index), diagnostics };
}

function assemble(
  settings: SiteSettings,
  buildTime: string,
  articles: Article[],
  index: ReturnType<typeof indexEntities>,
): Site {
  const entities = { person: [], organization: [] } as Site["entities"];
  const entityPages: Site["entityPages"] = [];
  const directories: EntityDirectory[] = [];
  for (const kind of ENTITY_KINDS) {
    for (const { articleIndexes, ...ref } of index.entities[kind]) {
      const list = articleIndexes.map((i) => articles[i]).filter((a): a is Article => a !== undefined);
      entities[kind].push({ ...ref, articles: list });
      entityPages.push(...paginate(ref.url, list, settings.perPage, ref));
    }
    directories.push({
      kind,
      title: DIRECTORY_TITLE[kind],
      url: directoryUrl(kind),
      entries: entities[kind].map((e) => ({ name: e.name, url: e.url, count: e.articles.length })),
    });
  }
  return {
    settings,
    buildTime,
    articles,
    entities,
    homePages: paginate("/", articles, settings.perPage),
    entityPages,
    directories,
  };
}
