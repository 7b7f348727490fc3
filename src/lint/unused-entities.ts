import { diagnostic } from "../core/diagnostics.ts";
import { type Diagnostic, ENTITY_FIELD, ENTITY_KINDS } from "../core/types.ts";
import { namedEntities, registryNameLine } from "./entity-names.ts";
import type { LintInput } from "./types.ts";

/**
 * `registry/unused-entity`: a registry file whose name and aliases no article lists (drafts and scheduled
 * articles count). Its page would be empty; often the articles spell the name another way.
 */
export function unusedRegistryEntities(input: LintInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const kind of ENTITY_KINDS) {
    for (const { entry, articleCount } of namedEntities(input)[kind]) {
      if (!entry || articleCount > 0) continue;
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
  }
  return diagnostics;
}
