import type MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import {
  cleanHtml,
  type FragmentRemoval,
  newCleanState,
  newTagBudget,
  type TagBudget,
} from "./clean-html.ts";
import type { HtmlPolicy } from "./policy.ts";
import { urlProblem } from "./policy.ts";

/** Something the sanitizer removed, on a 0-based line of the markdown body. */
export interface BodyRemoval {
  line: number;
  what: string;
}

/** Where removals are collected: `md.render(body, { removals: [] })` or `md.parse(body, …)`. */
export interface SanitizeEnv {
  removals: BodyRemoval[];
}

function isSanitizeEnv(env: unknown): env is SanitizeEnv {
  return typeof env === "object" && env !== null && Array.isArray((env as { removals?: unknown }).removals);
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** The removals of a fragment starting on `firstLine`, each on its own line; one pass over the text. */
function onLines(removals: FragmentRemoval[], text: string, firstLine: number): BodyRemoval[] {
  let line = firstLine;
  let at = 0;
  return removals.map((r) => {
    for (let i = text.indexOf("\n", at); i !== -1 && i < r.offset; i = text.indexOf("\n", i + 1)) {
      line++;
      at = i + 1;
    }
    return { line, what: r.what };
  });
}

/** The tokens this pass emptied: a page holding one still goes through the final sanitize-html pass. */
const emptied = new WeakSet<Token>();

/** Whether the token pass emptied `token` (a removed link, image or dropped content). */
export function emptiedByTokenPass(token: Token): boolean {
  return emptied.has(token);
}

/** Turns a token into nothing at all (an empty text token renders as ""). */
function blank(token: Token): void {
  emptied.add(token);
  token.type = "text";
  token.tag = "";
  token.nesting = 0;
  token.attrs = null;
  token.children = null;
  token.content = "";
}

/** Cleans the inline tokens of one paragraph, heading or table cell whose first line is `firstLine`. */
function cleanInline(
  children: Token[],
  firstLine: number,
  policy: HtmlPolicy,
  budget: TagBudget,
  found: BodyRemoval[],
): void {
  const state = newCleanState(budget);
  let line = firstLine;
  let unlinkNextClose = false;
  for (const child of children) {
    const original = child.content;
    if (child.type === "softbreak" || child.type === "hardbreak") {
      line++;
      if (state.dropping !== undefined) blank(child);
      continue;
    }
    if (child.type === "html_inline") {
      const { html, removals } = cleanHtml(original, policy, state);
      child.content = html;
      for (const r of onLines(removals, original, line)) found.push(r);
    } else if (state.dropping !== undefined) {
      blank(child);
    } else if (child.type === "link_open") {
      const problem = urlProblem("a", "href", child.attrGet("href") ?? "");
      if (problem) {
        found.push({ line, what: problem });
        blank(child);
        unlinkNextClose = true;
      }
    } else if (child.type === "link_close" && unlinkNextClose) {
      blank(child);
      unlinkNextClose = false;
    } else if (child.type === "image") {
      const problem = urlProblem("img", "src", child.attrGet("src") ?? "");
      if (problem) {
        found.push({ line, what: problem });
        const alt = child.content;
        blank(child);
        child.content = alt;
      }
    }
    line += newlines(original);
  }
}

/**
 * The markdown-it plugin that cleans raw HTML where markdown-it leaves it: every `html_block` and
 * `html_inline` token goes through the tag cleaner, and every link and image through the URL policy.
 * What is removed is recorded, with its line in the body, when the render's env has a `removals` list.
 */
export function sanitizeTokens(md: MarkdownIt, policy: HtmlPolicy): void {
  md.core.ruler.push("dateline_sanitize", (state: StateCore) => {
    const found: BodyRemoval[] = [];
    const budget = newTagBudget();
    let line = 0;
    for (const token of state.tokens) {
      if (token.map) line = token.map[0];
      if (token.type === "html_block") {
        const original = token.content;
        const { html, removals } = cleanHtml(original, policy, newCleanState(budget));
        token.content = html;
        for (const r of onLines(removals, original, line)) found.push(r);
      } else if (token.type === "inline" && token.children) {
        cleanInline(token.children, line, policy, budget, found);
      }
    }
    if (isSanitizeEnv(state.env)) for (const r of found) state.env.removals.push(r);
    return true;
  });
}
