import { diagnostic } from "../core/diagnostics.ts";
import { type Diagnostic, ENTITY_FIELD, ENTITY_KINDS, type EntityKind } from "../core/types.ts";
import { keyOf, namesOf, registryNameLine } from "./entity-names.ts";
import type { LintInput } from "./types.ts";

/**
 * `registry/unused-entity`: a registry file whose name and aliases no article lists (drafts and scheduled
 * articles count). Its page would be empty; often the articles spell the name another way.
 */
export function unusedRegistryEntities(input: LintInput): Diagnostic[] {
  if (input.registry.length === 0) return [];
  const used = new Map<EntityKind, Set<string>>(ENTITY_KINDS.map((k) => [k, new Set<string>()]));
  for (const { input: article } of input.articles) {
    for (const kind of ENTITY_KINDS) {
      for (const { name } of namesOf(article, kind)) used.get(kind)?.add(keyOf(name));
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of input.registry) {
    const names = used.get(entry.kind);
    if ([entry.name, ...entry.aliases].some((n) => names?.has(keyOf(n)))) continue;
    const field = ENTITY_FIELD[entry.kind];
    diagnostics.push(
      diagnostic(
        "warning",
        "registry/unused-entity",
        entry.file,
        registryNameLine(input, entry),
        `no article lists "${entry.name}" in "${field}"; expected at least one article about this ${entry.kind}`,
        {
          field: "name",
          hint: `list it in an article's "${field}" (by its name or an alias), or delete the file`,
        },
      ),
    );
  }
  return diagnostics;
}
