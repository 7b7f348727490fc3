import path from "node:path";
import { z } from "zod";
import { diagnostic } from "../core/diagnostics.ts";
import { nameKey } from "../core/names.ts";
import { slugify } from "../core/slug.ts";
import {
  type Diagnostic,
  ENTITY_FIELD,
  ENTITY_KINDS,
  type EntityKind,
  type RegistryEntry,
} from "../core/types.ts";
import type { ContentCache } from "./cache.ts";
import { readCheckedFiles } from "./checked-files.ts";
import { linkUrl } from "./fields/link-url.ts";
import { name } from "./fields/name.ts";
import { list, text } from "./fields/text.ts";
import type { ParsedDocument } from "./frontmatter.ts";
import { MAX_SLUG_LENGTH } from "./limits.ts";
import { schemaIssues } from "./schema-issues.ts";

const registrySchema = z.object({
  name: name("name"),
  aliases: list("aliases", name("aliases", true)).default([]),
  description: text("description")
    .refine((v) => !v.includes("\n"), '"description" should be one line')
    .optional(),
  role: text("role").optional(),
  image: linkUrl("image").optional(),
  sameAs: list("sameAs", linkUrl("sameAs")).default([]),
});

/** The frontmatter keys a registry file may have. */
export const REGISTRY_FIELDS = registrySchema.keyof().options;

/** The line of each item of the list under `key` (block or flow), or the key's line where none is found. */
function itemLines(doc: ParsedDocument, key: string, count: number): number[] {
  const keyLine = doc.keyLines.get(key) ?? 1;
  return Array.from({ length: count }, (_, i) => doc.positionOf([key, i])?.line ?? keyLine);
}

function validateEntry(
  kind: EntityKind,
  doc: ParsedDocument,
): { entry?: RegistryEntry; diagnostics: Diagnostic[] } {
  const data = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => v !== null));
  const result = registrySchema.safeParse(data);
  const lineOf = (field: string) => doc.keyLines.get(field) ?? 1;
  if (!result.success) return { diagnostics: schemaIssues("registry", result.error.issues, data, doc) };
  const fm = result.data;
  const slug = slugify(fm.name);
  if (slug.length > MAX_SLUG_LENGTH) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "registry/name-too-long",
          doc.file,
          lineOf("name"),
          `the name "${fm.name.slice(0, 40)}…" gives a URL slug of ${slug.length} characters; expected at most ${MAX_SLUG_LENGTH}`,
          { field: "name", hint: "give the short name here and the longer forms as aliases" },
        ),
      ],
    };
  }
  const expected = `${slug}.md`;
  const actual = path.posix.basename(doc.file);
  if (actual !== expected) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "registry/file-name-mismatch",
          doc.file,
          lineOf("name"),
          `the file for "${fm.name}" is named ${actual}; expected ${expected} (its slug)`,
          {
            field: "name",
            hint: `rename it to ${path.posix.join(path.posix.dirname(doc.file), expected)}`,
          },
        ),
      ],
    };
  }
  const entry: RegistryEntry = {
    ...fm,
    kind,
    file: doc.file,
    slug,
    body: doc.body,
    aliasLines: itemLines(doc, "aliases", fm.aliases.length),
  };
  return { entry, diagnostics: [] };
}

/** An alias or name that two registry entries claim is an error at the later claim. */
function findAliasConflicts(entries: readonly RegistryEntry[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, RegistryEntry>();
  for (const entry of entries) owners.set(`${entry.kind}:${nameKey(entry.name)}`, entry);
  for (const entry of entries) {
    entry.aliases.forEach((alias, i) => {
      const key = `${entry.kind}:${nameKey(alias)}`;
      const owner = owners.get(key);
      if (owner && owner !== entry) {
        diagnostics.push(
          diagnostic(
            "error",
            "entity/alias-conflict",
            entry.file,
            entry.aliasLines[i] ?? 1,
            `the alias "${alias}" is also claimed by "${owner.name}" (${owner.file})`,
            {
              field: "aliases",
              hint: "an alias must point to exactly one entity",
            },
          ),
        );
      } else owners.set(key, entry);
    });
  }
  return diagnostics;
}

/** Reads `content/{people,organizations,places}/*.md`. A missing folder is an empty registry. */
export async function loadRegistry(
  contentDir: string,
  cache?: ContentCache,
): Promise<{ entries: RegistryEntry[]; documents: ParsedDocument[]; diagnostics: Diagnostic[] }> {
  const entries: RegistryEntry[] = [];
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const kind of ENTITY_KINDS) {
    const read = await readCheckedFiles(
      path.join(contentDir, ENTITY_FIELD[kind]),
      contentDir,
      (document) => {
        const { entry, diagnostics } = validateEntry(kind, document);
        return { value: entry, diagnostics };
      },
      cache,
    );
    diagnostics.push(...read.diagnostics);
    for (const checked of read.files) {
      diagnostics.push(...checked.diagnostics);
      if (!checked.document) continue;
      documents.push(checked.document);
      if (checked.value) entries.push(checked.value);
    }
  }
  diagnostics.push(...findAliasConflicts(entries));
  return { entries, documents, diagnostics };
}
