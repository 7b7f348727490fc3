import MarkdownIt from "markdown-it";
import type { HtmlPolicy } from "./markdown/policy.ts";
import { sanitizeOutput } from "./markdown/sanitize-output.ts";
import { type BodyRemoval, type SanitizeEnv, sanitizeTokens } from "./markdown/sanitize-tokens.ts";

export interface MarkdownOptions {
  /** Hosts whose `https` pages an `<iframe>` may show (`settings.embedHosts`); none by default. */
  embedHosts?: readonly string[];
  /**
   * Put every body through the final sanitize-html pass, even one of markdown-it's own syntax only, which
   * it would leave as it is (the pipeline writes those bytes itself): for tests that compare the two.
   */
  alwaysSanitizeHtml?: boolean;
}

/** Something the sanitizer removed from a body: the line in the file and what it was. */
export interface HtmlRemoval {
  line: number;
  what: string;
}

/** Removals listed for one body at most; past it, one last entry says how many more there were. */
export const MAX_LISTED_REMOVALS = 100;

/**
 * The markdown pipeline for article and registry bodies, in order: markdown-it (raw HTML on, linkify,
 * typographer), then `sanitizeTokens` (every HTML token, link and image, see docs/sanitizing.md), then
 * `sanitizeOutput` (sanitize-html over the whole result, unless it could change nothing in it). Extend it with `md.use(plugin)`, one plugin per file.
 */
export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
  const policy: HtmlPolicy = { embedHosts: options.embedHosts ?? [] };
  // xhtmlOut: void elements written `<br />`, as sanitize-html writes them.
  return new MarkdownIt({ html: true, linkify: true, typographer: true, xhtmlOut: true })
    .use(sanitizeTokens, policy)
    .use(sanitizeOutput, policy, { always: options.alwaysSanitizeHtml ?? false });
}

let defaultMarkdown: MarkdownIt | undefined;

/** The pipeline without embeds, made once. */
function byDefault(): MarkdownIt {
  defaultMarkdown ??= createMarkdown();
  return defaultMarkdown;
}

function located(found: readonly BodyRemoval[], bodyLine: number): HtmlRemoval[] {
  const seen = new Set<string>();
  const removals: HtmlRemoval[] = [];
  let more = 0;
  for (const r of found) {
    const line = bodyLine + r.line;
    const key = `${line}\u0000${r.what}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (removals.length < MAX_LISTED_REMOVALS) removals.push({ line, what: r.what });
    else more++;
  }
  const last = removals.at(-1);
  if (more > 0 && last) removals.push({ line: last.line, what: `and ${more} more removals after this line` });
  return removals;
}

/**
 * Renders a body and says what the sanitizer removed from it: each removal with its line in the file
 * (`bodyLine` is the file's line where the body starts, 1-based), at most `MAX_LISTED_REMOVALS` of them.
 * Never throws on content.
 */
export function renderMarkdown(
  body: string,
  bodyLine: number,
  md: MarkdownIt = byDefault(),
): { html: string; removals: HtmlRemoval[] } {
  const env: SanitizeEnv = { removals: [] };
  const html = md.render(body, env);
  return { html, removals: located(env.removals, bodyLine) };
}

/** Where the next of `chars` is in `text` from `from` on (its length when there is none). */
function nextOf(chars: RegExp, text: string, from: number): number {
  chars.lastIndex = from;
  return chars.exec(text)?.index ?? text.length;
}

/** The white space that ends a link destination (other characters only make a destination longer). */
const SPACE = /[ \t\n]/g;
/** What may start a scheme (":"), or hide one, or a "//", behind an escape or an entity ("\\", "&"). */
const RISKY = /[:\\&]/g;
const HTTP = /https?:\/\//iy;

/**
 * Whether the sanitizer could remove anything from `body`. Everything it removes is raw HTML (`<`), or a
 * link or image whose URL has a scheme other than http(s) (and mailto: for links) or starts with `//`.
 * Without a `<`, a link comes from a markdown link, image or link definition (`](` or `]:`, then the
 * destination) or from linkify (a URL with `//`, as in `ftp://` or `//host`; its `http://`, `https://`,
 * `mailto:` and bare-domain links are all allowed). So a body needs parsing only when it has a `<`, a
 * `//` not right after `http:` or `https:`, or a destination after `](` or `]:` that is not plainly an
 * http(s) URL or a path. Most articles (links to https pages, no raw HTML) need not be parsed for `check`.
 */
export function mayHaveRemovals(body: string): boolean {
  if (body.includes("<")) return true;
  for (let at = body.indexOf("//"); at !== -1; at = body.indexOf("//", at + 2))
    if (!/https?:$/i.test(body.slice(Math.max(0, at - 6), at))) return true;
  // A destination is an http(s) URL, or runs to the next white space without a risky character. Where the
  // next white space and risky character are is kept from one destination to the next: one pass in all.
  let space = -1;
  let risky = -1;
  for (let at = body.indexOf("]"); at !== -1; at = body.indexOf("]", at + 1)) {
    const next = body[at + 1];
    if (next !== "(" && next !== ":") continue;
    let start = at + 2;
    while (start < body.length && (body[start] === " " || body[start] === "\t" || body[start] === "\n"))
      start++;
    HTTP.lastIndex = start;
    if (HTTP.test(body)) continue;
    if (space < start) space = nextOf(SPACE, body, start);
    if (risky < start) risky = nextOf(RISKY, body, start);
    if (risky < space) return true;
  }
  return false;
}

/**
 * Only the removals, without rendering: what `check` needs (the tokens are cleaned while parsing). Parsed
 * without the typographer, which only changes quotes and dashes in text and so cannot change what is
 * removed. (Linkify stays: a link it makes can end a code span early and expose raw HTML after it.)
 */
export function htmlRemovals(body: string, bodyLine: number, md: MarkdownIt = byDefault()): HtmlRemoval[] {
  if (!mayHaveRemovals(body)) return [];
  const env: SanitizeEnv = { removals: [] };
  const { typographer } = md.options;
  md.set({ typographer: false });
  try {
    md.parse(body, env);
  } finally {
    md.set({ typographer });
  }
  return located(env.removals, bodyLine);
}

/**
 * The 1-based line of `text` where `body`, a suffix of it (gray-matter's `content`), starts: what a parser
 * of frontmatter can give as the body's line, e.g. `bodyStartLine(text, parsed.content)`.
 */
export function bodyStartLine(text: string, body: string): number {
  let line = 1;
  const end = text.length - body.length;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) line++;
  return line;
}
