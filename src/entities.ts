import { diagnostic } from "./diagnostics.ts";
import { slugify } from "./slug.ts";
import {
  type ArticleInput,
  type Diagnostic,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type EntityRef,
} from "./types.ts";
import { entityUrl } from "./urls.ts";

/** The identity of a name: `  jeyhun  BAYRAMOV ` and `Jeyhun Bayramov` are one entity. */
export function nameKey(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

export interface IndexedEntity extends EntityRef {
  /** Indexes into the article list given to `indexEntities`, in that list's order. */
  articleIndexes: number[];
}

export interface EntityIndex {
  entities: Record<EntityKind, IndexedEntity[]>;
  /** For each article (same order as the input), its entities of each kind, deduplicated, in frontmatter order. */
  refs: Record<EntityKind, EntityRef[]>[];
  diagnostics: Diagnostic[];
}

interface Group {
  key: string;
  spellings: Map<string, number>;
  first: { file: string; line: number; spelling: string };
  articleIndexes: number[];
}

/** The position of the group's oldest article (articles come newest first). */
function oldest(group: Group): number {
  return group.articleIndexes.at(-1) ?? 0;
}

/** The most used spelling; on a tie, the one seen first (articles come newest first). */
function preferredSpelling(spellings: Map<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    if (count > bestCount) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

function groupNames(articles: readonly ArticleInput[], kind: EntityKind): Group[] {
  const groups = new Map<string, Group>();
  articles.forEach((article, index) => {
    const seenInArticle = new Set<string>();
    for (const raw of article.names[kind]) {
      const spelling = raw.replace(/\s+/g, " ").trim();
      const key = nameKey(spelling);
      if (seenInArticle.has(key)) continue;
      seenInArticle.add(key);
      let group = groups.get(key);
      if (!group) {
        const line = article.fieldLines[ENTITY_FIELD[kind]] ?? 1;
        group = {
          key,
          spellings: new Map(),
          first: { file: article.file, line, spelling },
          articleIndexes: [],
        };
        groups.set(key, group);
      }
      group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
      group.articleIndexes.push(index);
    }
  });
  return [...groups.values()];
}

/**
 * Builds the index from each person and organization to its articles. `articles` must already be in display
 * order (newest first); each entity's `articleIndexes` keep that order. Each slug is computed once here.
 */
export function indexEntities(articles: readonly ArticleInput[], collator: Intl.Collator): EntityIndex {
  const diagnostics: Diagnostic[] = [];
  const refs = articles.map(() => ({ person: [], organization: [] }) as Record<EntityKind, EntityRef[]>);
  const entities = { person: [], organization: [] } as Record<EntityKind, IndexedEntity[]>;

  for (const kind of ENTITY_KINDS) {
    const field = ENTITY_FIELD[kind];
    const bySlug = new Map<string, Group>();
    const byKey = new Map<string, IndexedEntity>();
    // The oldest name claims its slug first, so a collision is reported where the newer spelling appears.
    const groups = groupNames(articles, kind).sort((a, b) => oldest(b) - oldest(a));
    for (const group of groups) {
      const name = preferredSpelling(group.spellings);
      const slug = slugify(name);
      if (slug === "") {
        diagnostics.push(
          diagnostic(
            "error",
            "entity/empty-slug",
            group.first.file,
            group.first.line,
            `the name "${group.first.spelling}" in "${field}" has no letters or digits for a URL`,
            { field },
          ),
        );
        continue;
      }
      const other = bySlug.get(slug);
      if (other) {
        diagnostics.push(
          diagnostic(
            "error",
            "entity/slug-collision",
            group.first.file,
            group.first.line,
            `"${group.first.spelling}" and "${other.first.spelling}" (${other.first.file}) are different names with the same URL ${entityUrl(kind, slug)}`,
            { field, hint: "if they are the same, spell the name the same way in every article" },
          ),
        );
        continue;
      }
      bySlug.set(slug, group);
      const entity: IndexedEntity = {
        kind,
        name,
        slug,
        url: entityUrl(kind, slug),
        articleIndexes: group.articleIndexes,
      };
      byKey.set(group.key, entity);
      entities[kind].push(entity);
    }
    entities[kind].sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));

    articles.forEach((article, index) => {
      const list = refs[index]?.[kind];
      if (!list) return;
      for (const raw of article.names[kind]) {
        const entity = byKey.get(nameKey(raw));
        if (entity && !list.some((r) => r.slug === entity.slug)) {
          list.push({ kind, name: entity.name, slug: entity.slug, url: entity.url });
        }
      }
    });
  }
  return { entities, refs, diagnostics };
}
