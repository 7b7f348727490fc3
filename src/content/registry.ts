import path from "node:path";
import { z } from "zod";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { nameKey } from "./entities.ts";
import { type ParsedDocument, parseDocument } from "./frontmatter.ts";
import { readSources } from "./load.ts";
import { schemaIssues } from "./schema-issues.ts";
import { slugify } from "../core/slug.ts";
import { type Diagnostic, ENTITY_FIELD, ENTITY_KINDS, type EntityKind, type RegistryEntry } from "../core/types.ts";

/** The frontmatter keys a registry file may have. */
export const REGISTRY_FIELDS = ["name", "aliases", "description", "role", "image", "sameAs"] as const;

const text = (field: string) =>
  z
    .string({ error: (issue) => `expected "${field}" to be text, found ${describeValue(issue.input)}` })
    .trim()
    .min(1, `"${field}" is empty`);

const list = <T extends z.ZodType>(field: string, item: T) =>
  z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z.array(item, {
      error: (issue) => `expected "${field}" to be a list, found ${describeValue(issue.input)}`,
    }),
  );

const registrySchema = z.object({
  name: text("name"),
  aliases: list("aliases", text("aliases")).default([]),
  description: text("description")
    .refine((v) => !v.includes("\n"), '"description" should be one line')
    .optional(),
  role: text("role").optional(),
  image: text("image").optional(),
  sameAs: list(
    "sameAs",
    z.url({
      protocol: /^https?$/,
      error: (issue) => `expected "sameAs" to hold http(s) URLs, found ${describeValue(issue.input)}`,
    }),
  ).default([]),
});

/** The line of each item of a block list under `key` (`- OTS`), or the key's line for an inline list. */
function itemLines(doc: ParsedDocument, raw: string, key: string, count: number): number[] {
  const keyLine = doc.keyLines.get(key) ?? 1;
  const lines = raw.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  const found: number[] = [];
  for (let i = keyLine; i < lines.length && found.length < count; i++) {
    const line = lines[i] ?? "";
    if (/^\s+-\s/.test(line)) found.push(i + 1);
    else if (/^\S/.test(line)) break;
  }
  return Array.from({ length: count }, (_, i) => found[i] ?? keyLine);
}

function validateEntry(
  kind: EntityKind,
  doc: ParsedDocument,
  raw: string,
): { entry?: RegistryEntry; diagnostics: Diagnostic[] } {
  const data = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => v !== null));
  const result = registrySchema.safeParse(data);
  const lineOf = (field: string) => doc.keyLines.get(field) ?? 1;
  if (!result.success) return { diagnostics: schemaIssues("registry", result.error.issues, data, doc) };
  const fm = result.data;
  const slug = slugify(fm.name);
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
    kind,
    file: doc.file,
    name: fm.name,
    slug,
    aliases: fm.aliases,
    sameAs: fm.sameAs,
    body: doc.body,
    aliasLines: itemLines(doc, raw, "aliases", fm.aliases.length),
  };
  if (fm.description !== undefined) entry.description = fm.description;
  if (fm.role !== undefined) entry.role = fm.role;
  if (fm.image !== undefined) entry.image = fm.image;
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
): Promise<{ entries: RegistryEntry[]; diagnostics: Diagnostic[] }> {
  const entries: RegistryEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const kind of ENTITY_KINDS) {
    const read = await readSources(path.join(contentDir, ENTITY_FIELD[kind]), { root: contentDir });
    diagnostics.push(...read.diagnostics);
    for (const source of read.sources) {
      const parsed = parseDocument(source.file, source.raw);
      diagnostics.push(...parsed.diagnostics);
      if (!parsed.document) continue;
      const validated = validateEntry(kind, parsed.document, source.raw);
      diagnostics.push(...validated.diagnostics);
      if (validated.entry) entries.push(validated.entry);
    }
  }
  diagnostics.push(...findAliasConflicts(entries));
  return { entries, diagnostics };
}
