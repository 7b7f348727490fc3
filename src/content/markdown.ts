import MarkdownIt from "markdown-it";
import type { HtmlPolicy } from "./markdown/policy.ts";
import { sanitizeOutput } from "./markdown/sanitize-output.ts";
import { type BodyRemoval, type SanitizeEnv, sanitizeTokens } from "./markdown/sanitize-tokens.ts";

export interface MarkdownOptions {
  /** Hosts whose `https` pages an `<iframe>` may show (`settings.embedHosts`); none by default. */
  embedHosts?: readonly string[];
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
 * `sanitizeOutput` (sanitize-html over the whole result). Extend it with `md.use(plugin)`, one plugin per file.
 */
export function createMarkdown(options: MarkdownOptions = {}): MarkdownIt {
  const policy: HtmlPolicy = { embedHosts: options.embedHosts ?? [] };
  return new MarkdownIt({ html: true, linkify: true, typographer: true })
    .use(sanitizeTokens, policy)
    .use(sanitizeOutput, policy);
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

/**
 * Whether the sanitizer could remove anything from `body`: only raw HTML (`<`), a markdown link, image or
 * link definition (`]`) and a URL linkify turns into a link (`//`, as in `ftp://` or a protocol-relative
 * `//host`) can give a removal. Most articles have none of them and need not be parsed for `check`.
 */
export function mayHaveRemovals(body: string): boolean {
  return body.includes("<") || body.includes("]") || body.includes("//");
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
