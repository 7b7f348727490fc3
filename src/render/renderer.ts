import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nunjucks, { type Template } from "nunjucks";
import type { Site } from "../core/types.ts";
import { outputPath } from "../core/urls.ts";
import { registerFilters } from "./filters.ts";
import { type Pagination, paginatedTemplates, type TemplateFile } from "./templates.ts";

/** Which pages to write, by output path (`2022/12/15/slug/index.html`); all of them when absent. */
export type PageSelection = (file: string) => boolean;

/** Told of each file written: its absolute path and its text. */
export type OnWrite = (file: string, content: string) => void;

interface CompiledTemplate {
  template: TemplateFile;
  pagination: Pagination;
  body: Template;
  permalink: Template;
  /** The permalink as a function of the page's item, when it is only `{{ alias.field }}` (see `directLink`). */
  direct?: (item: unknown) => string | undefined;
}

/**
 * A permalink that only prints one field of a page's one item (`{{ article.url }}`, as every Dateline
 * template's does), read without Nunjucks: a build that renders a few pages of a large archive still finds
 * every page's output file, and a quarter of a million template renders is most of that. Gives undefined
 * where Nunjucks could print something else (not a string, or characters its escaping changes): the
 * template renders it then.
 */
export function directLink(permalink: string, pagination: Pagination): CompiledTemplate["direct"] {
  const simple = /^\{\{\s*([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\s*\}\}$/.exec(permalink.trim());
  if (!simple || simple[1] !== pagination.alias || pagination.size !== 1) return undefined;
  const field = simple[2] as string;
  return (item) => {
    const value = (item as Record<string, unknown> | undefined)?.[field];
    return typeof value === "string" && !/[&<>"']/.test(value) ? value : undefined;
  };
}

/** Follows a dotted path such as `site.articles` into the template data. */
function lookup(data: Record<string, unknown>, dotted: string): unknown {
  let value: unknown = data;
  for (const key of dotted.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return value;
}

/** Eleventy's pagination: `size` items a page; with size 1 the alias names the item, else the chunk. */
function pagesOf(items: readonly unknown[], size: number): unknown[][] {
  const pages: unknown[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

const BATCH = 256;

/**
 * The one renderer of the data-driven pages, for every mode: the production build, incremental builds,
 * `--drafts` previews and the dev server all call it (through the Eleventy plugin). Each template's own
 * front matter says what it paginates (`pagination.data`, `size`, `alias`) and where each page goes
 * (`permalink`); the templates are compiled once, with the filters every path registers
 * (`registerFilters`), and rendered from the Site. What to write is an argument, never a change to the Site.
 */
export class Renderer {
  readonly #templates: CompiledTemplate[];
  readonly #site: () => Site;

  constructor(templatesDir: string, site: () => Site) {
    this.#site = site;
    const env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader([path.join(templatesDir, "_includes"), templatesDir]),
      { dev: true },
    );
    registerFilters((name, filter) => env.addFilter(name, filter), site);
    this.#templates = paginatedTemplates(templatesDir).map((template) => {
      const pagination = template.pagination as Pagination;
      const direct = directLink(template.permalink, pagination);
      return {
        template,
        pagination,
        body: new nunjucks.Template(template.body, env, template.file, true),
        permalink: new nunjucks.Template(template.permalink, env, `${template.file}#permalink`, true),
        ...(direct ? { direct } : {}),
      };
    });
  }

  /** The templates this renderer writes; Eleventy leaves them alone. */
  get templateFiles(): string[] {
    return this.#templates.map((t) => t.template.file);
  }

  /**
   * Renders every selected page into `outDir` and returns how many were written. Each page is written as
   * soon as it is rendered, so memory never holds more than one page.
   */
  async write(outDir: string, options: { select?: PageSelection; onWrite?: OnWrite } = {}): Promise<number> {
    const site = this.#site();
    const made = new Set<string>();
    let written = 0;
    for (const { template, pagination, body, permalink, direct } of this.#templates) {
      const items = lookup({ site }, pagination.data);
      if (!Array.isArray(items))
        throw new Error(`templates/${template.name}: pagination data "${pagination.data}" is not a list`);
      const pages = pagesOf(items, pagination.size);
      for (let start = 0; start < pages.length; start += BATCH) {
        pages.slice(start, start + BATCH).forEach((chunk, offset) => {
          const pageNumber = start + offset;
          const context: Record<string, unknown> = {
            site,
            pagination: { items: chunk, pageNumber, size: pagination.size },
            [pagination.alias]: pagination.size === 1 ? chunk[0] : chunk,
          };
          const url = direct?.(chunk[0]) ?? permalink.render(context);
          const file = outputPath(url);
          if (options.select && !options.select(file)) return;
          context.page = { url, outputPath: file, inputPath: `./templates/${template.name}` };
          const target = path.join(outDir, file);
          const html = body.render(context);
          // Synchronous: a page is a folder and a file, and on a busy machine each round trip through
          // the thread pool costs more than the system call itself (the same as reading content).
          const dir = path.dirname(target);
          if (!made.has(dir)) {
            mkdirSync(dir, { recursive: true });
            made.add(dir);
          }
          writeFileSync(target, html);
          options.onWrite?.(target, html);
          written++;
        });
        // Let timers (the progress display) and the render worker's messages through between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return written;
  }
}
