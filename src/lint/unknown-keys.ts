import { closest, distance } from "fastest-levenshtein";
import { AUTHOR_FIELDS } from "../content/authors.ts";
import type { ParsedDocument } from "../content/frontmatter.ts";
import { REGISTRY_FIELDS } from "../content/registry.ts";
import { ARTICLE_FIELDS } from "../content/validate.ts";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import type { LintInput } from "./types.ts";

/** The known key an unknown one was probably meant to be, if it is close enough to be a typo. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  const best = closest(lower, [...known]);
  const allowed = lower.length <= 4 ? 1 : Math.max(2, Math.floor(lower.length / 4));
  return distance(lower, best.toLowerCase()) <= allowed ? best : undefined;
}

function unknownKeys(
  documents: readonly ParsedDocument[],
  known: readonly string[],
  rule: string,
  what: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const doc of documents) {
    for (const key of Object.keys(doc.data)) {
      if (known.includes(key)) continue;
      const suggestion = suggestKey(key, known);
      const expected = suggestion
        ? `expected "${suggestion}"`
        : `expected one of ${known.map((k) => `"${k}"`).join(", ")}`;
      diagnostics.push(
        diagnostic(
          "warning",
          rule,
          doc.file,
          doc.keyLines.get(key) ?? 1,
          `unknown ${what} key "${key}" is ignored; ${expected}`,
          {
            field: key,
            ...(suggestion ? { hint: `rename "${key}" to "${suggestion}"` } : {}),
          },
        ),
      );
    }
  }
  return diagnostics;
}

/**
 * `article/unknown-key`: a frontmatter key Dateline does not read, usually a typo (`organisations`), whose
 * value would silently be dropped. Also looks at articles that failed validation: `titel` explains a
 * missing title.
 */
export function unknownArticleKeys(input: LintInput): Diagnostic[] {
  const documents = [...input.articles.map((a) => a.document), ...(input.invalidDocuments ?? [])];
  return unknownKeys(documents, ARTICLE_FIELDS, "article/unknown-key", "frontmatter");
}

/** `registry/unknown-key`: the same for the registry files under people/, organizations/ and places/. */
export function unknownRegistryKeys(input: LintInput): Diagnostic[] {
  return unknownKeys(input.registryDocuments, REGISTRY_FIELDS, "registry/unknown-key", "registry");
}

/** `author/unknown-key`: the same for the author files under authors/ (`emial` → `email`). */
export function unknownAuthorKeys(input: LintInput): Diagnostic[] {
  return unknownKeys(input.authorDocuments ?? [], AUTHOR_FIELDS, "author/unknown-key", "author file");
}
