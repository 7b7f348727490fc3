import type { ArticleInput, Diagnostic } from "../core/types.ts";

/**
 * Checks across articles that two may not share something (a URL, a translation key): groups them by
 * `keyOf` (undefined: not grouped) and gives each member of a group of two or more a diagnostic from
 * `report`, told the group's key and the other members' files.
 */
export function sharedBy(
  articles: readonly ArticleInput[],
  keyOf: (article: ArticleInput) => string | undefined,
  report: (article: ArticleInput, key: string, others: string) => Diagnostic,
): Diagnostic[] {
  const groups = new Map<string, ArticleInput[]>();
  for (const a of articles) {
    const key = keyOf(a);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const [key, group] of groups) {
    if (group.length < 2) continue;
    for (const a of group) {
      const others = group
        .filter((o) => o !== a)
        .map((o) => o.file)
        .join(", ");
      diagnostics.push(report(a, key, others));
    }
  }
  return diagnostics;
}
