import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";

/** Where the crawler pretends the site lives while resolving relative URLs. */
const LOCAL_ORIGIN = "http://site.invalid";

/** Attributes that hold one URL, by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  a: ["href"],
  area: ["href"],
  link: ["href"],
  img: ["src"],
  script: ["src"],
  iframe: ["src"],
  embed: ["src"],
  source: ["src"],
  track: ["src"],
  audio: ["src"],
  video: ["src", "poster"],
  input: ["src"],
  object: ["data"],
};
/** Attributes that hold a srcset list. */
const SRCSET_ELEMENTS = new Set(["img", "source"]);
/** Elements a reader follows from page to page. */
const NAVIGATION_ELEMENTS = new Set(["a", "area"]);

export interface SiteFile {
  /** The URL a reader uses: `/x/` for `x/index.html`, else `/path/file.ext`. */
  url: string;
  /** Path relative to the output folder, with forward slashes. */
  file: string;
}

export interface LinkProblem {
  /** URL of the page holding the link. */
  page: string;
  /** e.g. `a[href]`. */
  attribute: string;
  value: string;
  reason: string;
}

export interface CrawlReport {
  /** URLs of every HTML page in the output, sorted. */
  pages: string[];
  /** How many internal URLs were checked. */
  checked: number;
  problems: LinkProblem[];
  /** Pages (other than a 404 page) that cannot be reached from the start page by following links. */
  unreachable: string[];
}

export interface CrawlOptions {
  /** Where readers start; default `/`. */
  start?: string;
  /**
   * Absolute origins that also mean "this site", e.g. the site's `baseUrl` used in canonical links; their
   * URLs are checked like relative ones.
   */
  siteOrigins?: string[];
  /**
   * Further pages readers arrive at from outside the site, e.g. the old URLs of moved articles (their redirect
   * pages): each must exist, and what they link to counts as reached.
   */
  entries?: string[];
}

interface ParsedPage {
  url: string;
  ids: Set<string>;
  refs: { attribute: string; value: string; element: string }[];
}

/** Every file in the output folder, with the URL a reader would use for it. */
export async function siteFiles(outDir: string): Promise<SiteFile[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(outDir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort()
    .map((file) => ({ file, url: `/${file.replace(/(^|\/)index\.html$/, "$1")}` }));
}

/** Every HTML page in the output folder. */
export async function htmlPages(outDir: string): Promise<SiteFile[]> {
  return (await siteFiles(outDir)).filter((f) => f.file.endsWith(".html"));
}

function is404(file: string): boolean {
  return file === "404.html" || file === "404/index.html";
}

function parsePage(url: string, html: string): ParsedPage {
  const page: ParsedPage = { url, ids: new Set(), refs: [] };
  const parser = new Parser({
    onopentag(name, attribs) {
      if (attribs.id) page.ids.add(attribs.id);
      if (name === "a" && attribs.name) page.ids.add(attribs.name);
      for (const attribute of URL_ATTRIBUTES[name] ?? []) {
        const value = attribs[attribute];
        if (value !== undefined) page.refs.push({ element: name, attribute: `${name}[${attribute}]`, value });
      }
      if (SRCSET_ELEMENTS.has(name) && attribs.srcset) {
        for (const candidate of attribs.srcset.split(",")) {
          const value = candidate.trim().split(/\s+/)[0];
          if (value) page.refs.push({ element: name, attribute: `${name}[srcset]`, value });
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return page;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Crawls a built output folder with a real HTML parser: every internal `href`, `src` and `srcset` must
 * resolve to a file (`/x/` → `x/index.html`), every `#fragment` into the site must name an id on its target
 * page, and every page except a 404 page must be reachable from the start page (or an entry page) by
 * following links.
 */
export async function crawl(outDir: string, options: CrawlOptions = {}): Promise<CrawlReport> {
  const files = await siteFiles(outDir);
  const fileSet = new Set(files.map((f) => f.file));
  const dirSet = new Set(
    files.flatMap((f) =>
      f.file
        .split("/")
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join("/")),
    ),
  );
  const pages = new Map<string, ParsedPage>();
  for (const f of files.filter((f) => f.file.endsWith(".html"))) {
    pages.set(f.file, parsePage(f.url, await readFile(path.join(outDir, f.file), "utf8")));
  }
  const siteOrigins = new Set([LOCAL_ORIGIN, ...(options.siteOrigins ?? []).map((o) => new URL(o).origin)]);
  const problems: LinkProblem[] = [];
  const edges = new Map<string, Set<string>>();
  let checked = 0;

  /** The output file a site path names, or why it names none. */
  const resolvePath = (pathname: string): { file: string } | { reason: string } => {
    const decoded = decode(pathname);
    if (decoded === undefined) return { reason: "has a malformed percent-encoding" };
    const relative = decoded.replace(/^\/+/, "");
    if (relative.split("/").includes("..")) return { reason: "climbs out of the site" };
    if (relative === "" || relative.endsWith("/")) {
      const file = `${relative}index.html`;
      return fileSet.has(file) ? { file } : { reason: `no ${file} in the output` };
    }
    if (fileSet.has(relative)) return { file: relative };
    if (dirSet.has(relative)) return { reason: `is a folder; link to ${decoded}/ instead` };
    return { reason: `no ${relative} in the output` };
  };

  for (const [file, page] of pages) {
    const followed = new Set<string>();
    edges.set(file, followed);
    for (const ref of page.refs) {
      let target: URL;
      try {
        target = new URL(ref.value.trim(), LOCAL_ORIGIN + page.url);
      } catch {
        problems.push({ page: page.url, attribute: ref.attribute, value: ref.value, reason: "is not a URL" });
        continue;
      }
      if (!siteOrigins.has(target.origin)) continue; // external, mailto:, data: and the like
      checked++;
      const found = resolvePath(target.pathname);
      if ("reason" in found) {
        problems.push({ page: page.url, attribute: ref.attribute, value: ref.value, reason: found.reason });
        continue;
      }
      if (NAVIGATION_ELEMENTS.has(ref.element)) followed.add(found.file);
      const fragment = decode(target.hash.slice(1));
      const targetPage = pages.get(found.file);
      if (!fragment || fragment.toLowerCase() === "top" || !targetPage) continue;
      if (!targetPage.ids.has(fragment)) {
        problems.push({
          page: page.url,
          attribute: ref.attribute,
          value: ref.value,
          reason: `no element with id="${fragment}" on ${targetPage.url}`,
        });
      }
    }
  }

  const start = resolvePath(options.start ?? "/");
  const queue = "file" in start ? [start.file] : [];
  for (const entry of options.entries ?? []) {
    const found = resolvePath(entry);
    if ("file" in found) queue.push(found.file);
    else problems.push({ page: "(entry)", attribute: "entry", value: entry, reason: found.reason });
  }
  const reached = new Set<string>();
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (reached.has(next)) continue;
    reached.add(next);
    queue.push(...(edges.get(next) ?? []));
  }
  const unreachable = [...pages]
    .filter(([file]) => !reached.has(file) && !is404(file))
    .map(([, page]) => page.url);

  return {
    pages: [...pages.values()].map((p) => p.url).sort(),
    checked,
    problems,
    unreachable,
  };
}

/** One line per problem, for failure messages. */
export function formatProblems(problems: LinkProblem[]): string {
  return problems.map((p) => `${p.page}: ${p.attribute}="${p.value}" ${p.reason}`).join("\n");
}
