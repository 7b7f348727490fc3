import type { z } from "zod";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { ruleOf } from "./fields/rule-issue.ts";
import type { ParsedDocument } from "./frontmatter.ts";

/**
 * Turns a frontmatter schema's issues into diagnostics: one per field (the first problem is enough to act
 * on), at the line of the field's key, as `<prefix>/missing-<field>`, `<prefix>/invalid-<field>`, or the
 * rule a field schema gave the issue (`<prefix>/date-out-of-range`, see `fields/rule-issue.ts`).
 */
export function schemaIssues(
  prefix: string,
  issues: readonly z.core.$ZodIssue[],
  data: Record<string, unknown>,
  doc: ParsedDocument,
): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    // A key of a nested mapping (`image: { alt }`) is reported at its own line, once per key.
    const subKey = typeof issue.path[1] === "string" ? issue.path[1] : undefined;
    const key = subKey === undefined ? field : `${field}.${subKey}`;
    if (seen.has(key) || seen.has(field)) continue;
    seen.add(key);
    const nestedLine = subKey === undefined ? undefined : doc.positionOf([field, subKey])?.line;
    const missing = data[field] === undefined;
    const { rule, hint } = ruleOf(issue);
    const noFrontmatter = missing && !doc.hasFrontmatter;
    diagnostics.push(
      diagnostic(
        "error",
        `${prefix}/${rule ?? `${missing ? "missing" : "invalid"}-${field}`}`,
        doc.file,
        nestedLine ?? doc.keyLines.get(field) ?? 1,
        missing ? `missing required field "${field}"` : issue.message,
        {
          field,
          ...(noFrontmatter ? { hint: "the file has no frontmatter block (---) at its top" } : {}),
          ...(hint !== undefined ? { hint } : {}),
        },
      ),
    );
  }
  return diagnostics;
}
