import { randomBytes } from "node:crypto";
import { link, mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { slugify } from "../core/slug.ts";

/** What `npm run new` and `npm run import` write into an article's frontmatter. */
export interface ArticleFields {
  title: string;
  /** A YAML comment written on the line above `title`, e.g. a TODO for a proposed headline. */
  titleComment?: string;
  /** ISO 8601, written as given. */
  date: string;
  /** Written as an empty key when missing, as a prompt (an empty value means "not given"). */
  dateline?: string;
  /** Written as an empty key when missing, likewise. */
  summary?: string;
  source?: string;
  people?: readonly string[];
  organizations?: readonly string[];
  places?: readonly string[];
  /** YAML comment lines written at the end of the frontmatter (without the `# `). */
  trailingComment?: readonly string[];
  body: string;
}

/** A YAML scalar, quoted only when YAML would otherwise read something else (`true`, `: `, `#`). */
export function yamlScalar(value: string): string {
  return yaml.dump(value, { lineWidth: -1, flowLevel: -1 }).trimEnd();
}

function list(key: string, items: readonly string[] | undefined): string[] {
  return items && items.length > 0 ? [`${key}:`, ...items.map((item) => `  - ${yamlScalar(item)}`)] : [];
}

/** The whole article file: a `---` frontmatter block, a blank line, the body, a final newline. */
export function renderArticleFile(fields: ArticleFields): string {
  const lines = [
    "---",
    ...(fields.titleComment ? fields.titleComment.split("\n").map((l) => `# ${l}`) : []),
    `title: ${yamlScalar(fields.title)}`,
    `date: ${fields.date}`,
    fields.dateline === undefined ? "dateline:" : `dateline: ${yamlScalar(fields.dateline)}`,
    fields.summary === undefined ? "summary:" : `summary: ${yamlScalar(fields.summary)}`,
    ...(fields.source === undefined ? [] : [`source: ${yamlScalar(fields.source)}`]),
    ...list("people", fields.people),
    ...list("organizations", fields.organizations),
    ...list("places", fields.places),
    ...(fields.trailingComment ?? []).map((l) => (l === "" ? "#" : `# ${l}`)),
    "---",
    "",
    fields.body.trim(),
    "",
  ];
  return lines.join("\n");
}

/** Longest slug made from a headline; longer ones are cut at a word. */
export const MAX_SLUG_LENGTH = 60;

/** `Harbour reopens after the storm` → `harbour-reopens-after-the-storm`, at most 60 characters, whole words. */
export function slugForHeadline(headline: string): string {
  const slug = slugify(headline);
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, MAX_SLUG_LENGTH);
}

/** `content/articles/2024/03/<slug>.md`: the folder from the date as it reads in the site's time zone. */
export function articlePath(contentDir: string, datePath: string, slug: string): string {
  const [year, month] = datePath.split("/");
  return path.join(contentDir, "articles", year ?? "0000", month ?? "00", `${slug}.md`);
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a new file without ever overwriting one or leaving a half-written file: the text goes into a
 * temporary file in the same folder, which is then hard-linked to the final name (an atomic step that fails
 * if the name is taken) and removed. Returns false, writing nothing, if the file already exists.
 */
export async function writeNewFile(file: string, text: string): Promise<boolean> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  if (await exists(file)) return false;
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, text, { flag: "wx" });
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A file system without hard links: check, then rename (atomic, but not exclusive).
    if (await exists(file)) return false;
    await rename(temp, file);
    return true;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
