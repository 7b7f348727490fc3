import path from "node:path";
import { z } from "zod";
import { describeValue, diagnostic } from "../core/diagnostics.ts";
import { slugify } from "../core/slug.ts";
import type { AuthorEntry, Diagnostic } from "../core/types.ts";
import { linkUrl } from "./fields/link-url.ts";
import { name } from "./fields/name.ts";
import { addRuleIssue } from "./fields/rule-issue.ts";
import { list, text } from "./fields/text.ts";
import { type ParsedDocument, parseDocument } from "./frontmatter.ts";
import { MAX_SLUG_LENGTH } from "./limits.ts";
import { readSources } from "./load.ts";
import { schemaIssues } from "./schema-issues.ts";

/** The folder of author files, under `content/`. */
export const AUTHORS_FOLDER = "authors";

/** One address, no display name, no spaces: `desk@example.org`. Deliberately simple: pages link it with `mailto:`. */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;

const authorSchema = z.object({
  name: name("name"),
  role: text("role").optional(),
  bio: text("bio")
    .refine((v) => !v.includes("\n"), '"bio" should be one line; write a longer one as the body')
    .optional(),
  image: linkUrl("image").optional(),
  sameAs: list("sameAs", linkUrl("sameAs")).default([]),
  email: z
    .string({ error: (issue) => `expected "email" to be an address, found ${describeValue(issue.input)}` })
    .trim()
    .superRefine((value, ctx) => {
      if (!EMAIL.test(value))
        addRuleIssue(
          ctx,
          `"email": ${JSON.stringify(value.slice(0, 200))} is not an e-mail address; expected one address such as desk@example.org`,
          "invalid-email",
        );
    })
    .optional(),
});

/** The frontmatter keys an author file may have. */
export const AUTHOR_FIELDS = authorSchema.keyof().options;

function validateAuthor(doc: ParsedDocument): { entry?: AuthorEntry; diagnostics: Diagnostic[] } {
  const data = Object.fromEntries(Object.entries(doc.data).filter(([, v]) => v !== null));
  const result = authorSchema.safeParse(data);
  if (!result.success) return { diagnostics: schemaIssues("author", result.error.issues, data, doc) };
  const fm = result.data;
  const slug = slugify(fm.name);
  const line = doc.keyLines.get("name") ?? 1;
  const expected = `${slug}.md`;
  const actual = path.posix.basename(doc.file);
  if (slug === "" || slug.length > MAX_SLUG_LENGTH || actual !== expected) {
    const message =
      slug === "" || slug.length > MAX_SLUG_LENGTH
        ? `the name "${fm.name.slice(0, 40)}" gives a URL slug of ${slug.length} characters; expected 1 to ${MAX_SLUG_LENGTH}`
        : `the file for "${fm.name}" is named ${actual}; expected ${expected} (its slug)`;
    return {
      diagnostics: [
        diagnostic("error", "author/file-name-mismatch", doc.file, line, message, {
          field: "name",
          hint: `name the file after the slug of the author's name: ${expected}`,
        }),
      ],
    };
  }
  const entry: AuthorEntry = {
    file: doc.file,
    name: fm.name,
    slug,
    sameAs: fm.sameAs,
    body: doc.body,
    ...(fm.role !== undefined ? { role: fm.role } : {}),
    ...(fm.bio !== undefined ? { bio: fm.bio } : {}),
    ...(fm.image !== undefined ? { image: fm.image } : {}),
    ...(fm.email !== undefined ? { email: fm.email } : {}),
  };
  return { entry, diagnostics: [] };
}

/**
 * Reads `content/authors/*.md`, the optional author files (name, role, bio, image, sameAs, email; the body
 * is a longer bio). A missing folder means no author files. Each file is named after its slug, so two files
 * never name one author.
 */
export async function loadAuthors(
  contentDir: string,
): Promise<{ entries: AuthorEntry[]; documents: ParsedDocument[]; diagnostics: Diagnostic[] }> {
  const entries: AuthorEntry[] = [];
  const documents: ParsedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const read = await readSources(path.join(contentDir, AUTHORS_FOLDER), { root: contentDir });
  diagnostics.push(...read.diagnostics);
  for (const source of read.sources) {
    const parsed = parseDocument(source.file, source.raw);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.document) continue;
    documents.push(parsed.document);
    const validated = validateAuthor(parsed.document);
    diagnostics.push(...validated.diagnostics);
    if (validated.entry) entries.push(validated.entry);
  }
  return { entries, documents, diagnostics };
}
