import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";

/** What a template's own front matter says it paginates, in Eleventy's terms. */
export interface Pagination {
  /** Dotted path into the template data, e.g. `site.articles`. */
  data: string;
  size: number;
  alias: string;
}

/** One page template of `templates/`, with its front matter read. */
export interface TemplateFile {
  /** File name inside the templates folder, e.g. `article.njk`. */
  name: string;
  file: string;
  /** The template without its front matter. */
  body: string;
  permalink: string;
  pagination?: Pagination;
}

const yamlEngine = { yaml: (source: string): object => (parseYaml(source) as object | null) ?? {} };

function paginationOf(name: string, value: unknown): Pagination | undefined {
  if (value === undefined) return undefined;
  const p = value as Partial<Record<keyof Pagination, unknown>>;
  if (typeof p.data !== "string" || typeof p.alias !== "string")
    throw new Error(`templates/${name}: pagination needs "data" and "alias"`);
  const size = p.size ?? 1;
  if (typeof size !== "number" || !Number.isInteger(size) || size < 1)
    throw new Error(`templates/${name}: pagination "size" must be a whole number ≥ 1`);
  return { data: p.data, size, alias: p.alias };
}

/**
 * Reads the page templates (the `.njk` files at the top of `dir`; `_includes/` holds layouts and partials)
 * and their front matter. Synchronous: Eleventy's plugin needs to know, while it is configured, which
 * templates are data-driven. Templates are Dateline's own code, so a malformed one throws.
 */
export function readTemplates(dir: string): TemplateFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".njk"))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      const { data, content } = matter(readFileSync(file, "utf8"), { engines: yamlEngine });
      const front = data as { permalink?: unknown; pagination?: unknown };
      if (typeof front.permalink !== "string") throw new Error(`templates/${name}: expected a permalink`);
      const pagination = paginationOf(name, front.pagination);
      return { name, file, body: content, permalink: front.permalink, ...(pagination ? { pagination } : {}) };
    });
}

/** The data-driven templates: those whose front matter paginates over the site's data. */
export function paginatedTemplates(dir: string): TemplateFile[] {
  return readTemplates(dir).filter((t) => t.pagination !== undefined);
}
