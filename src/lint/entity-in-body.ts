import { namesOf } from "../content/names-of.ts";
import { diagnostic } from "../core/diagnostics.ts";
import { containsWords, fold, spellingOf } from "../core/names.ts";
import type { ArticleInput, Diagnostic, EntityKind, RegistryEntry } from "../core/types.ts";
import { itemPosition } from "./entity-names.ts";
import type { LintInput } from "./types.ts";

/** A body searched for names: exactly as written first, then lower-cased, then folded (slowest). */
class BodyText {
  #lower?: string;
  #folded?: string;
  constructor(private readonly raw: string) {}

  names(name: string): boolean {
    const spaced = spellingOf(name);
    if (containsWords(this.raw, spaced)) return true;
    this.#lower ??= this.raw.replace(/\s+/g, " ").toLowerCase();
    if (containsWords(this.#lower, spaced.toLowerCase())) return true;
    this.#folded ??= fold(this.raw);
    return containsWords(this.#folded, fold(name));
  }
}

const CHECKED: readonly EntityKind[] = ["person", "organization"];

const RULE = "article/entity-not-in-body";

/**
 * The key of a result found while the article was read, without the entity index: every name listed is
 * in the body as written, so there is no warning whatever the registry says (the rule's other keys are
 * JSON lists, never empty).
 */
const NAMED_AS_WRITTEN = "";

/**
 * `article/entity-not-in-body` for one article as it is read (src/lint/reading.ts): no warning when the
 * body names every person and organization listed as written; undefined when one is not (then the rule
 * also tries the registry's spellings, which need the whole content).
 */
export function namedAsWritten(article: ArticleInput): { key: string; value: Diagnostic[] } | undefined {
  const body = new BodyText(article.body);
  for (const kind of CHECKED)
    for (const { name } of namesOf(article, kind)) if (!body.names(name)) return undefined;
  return { key: NAMED_AS_WRITTEN, value: [] };
}

/**
 * `article/entity-not-in-body`: a person or organization listed in the frontmatter whose name (or any of its
 * registry aliases) does not occur in the body, ignoring letter case and diacritics. Usually a name left over
 * from another story, or a spelling that differs from the text's.
 */
export function entitiesNotInBody(input: LintInput): Diagnostic[] {
  return input.articles.flatMap((article) => {
    const known = input.readWarnings?.(article.input.file, RULE, NAMED_AS_WRITTEN);
    if (known) return known;
    const listed = CHECKED.flatMap((kind) =>
      namesOf(article.input, kind).map((item) => ({
        ...item,
        entry: input.index.lookup(kind, item.name)?.entry,
      })),
    );
    if (!input.memo) return notInBody(article, listed);
    // With the content cache, an unchanged article's result is kept while its names' registry spellings are.
    const key = JSON.stringify(
      listed.map(({ name, entry }) => [name, entry?.file, entry?.name, entry?.aliases]),
    );
    return input.memo(article.input.file, RULE, key, () => notInBody(article, listed));
  });
}

type Listed = ReturnType<typeof namesOf>[number] & { entry: RegistryEntry | undefined };

function notInBody(
  { input: article, document }: LintInput["articles"][number],
  listed: Listed[],
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const body = new BodyText(article.body);
  for (const { name, field, index, entry } of listed) {
    const spellings = entry ? [name, entry.name, ...entry.aliases] : [name];
    if (spellings.some((s) => body.names(s))) continue;
    const { line, column } = itemPosition(document, field, index);
    const aliases = entry && entry.aliases.length > 0 ? " or one of its registry aliases" : "";
    diagnostics.push(
      diagnostic(
        "warning",
        "article/entity-not-in-body",
        article.file,
        line,
        `"${name}" is listed in "${field}" but the body never names it; expected the name${aliases} in the text`,
        {
          column,
          field,
          hint: entry
            ? `name it in the text, remove it from "${field}", or add the text's spelling to "aliases" in ${entry.file}`
            : `name it in the text or remove it from "${field}"`,
        },
      ),
    );
  }
  return diagnostics;
}
