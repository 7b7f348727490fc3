import MarkdownIt, { type Options } from "markdown-it";
import type Renderer from "markdown-it/lib/renderer.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { ALLOWED_TAGS, attributeAllowed, valueProblem } from "./policy.ts";
import { emptiedByTokenPass } from "./sanitize-tokens.ts";

/**
 * The token types of markdown-it's own syntax (CommonMark, tables, strikethrough, linkify), whose HTML
 * markdown-it's own rules write: `<tag attrs>` from the token, escaped text, `<pre><code>`, `<img>`, `<br />`.
 * Not `html_block` or `html_inline` (raw HTML), nor `text_special` (left only when `text_join` is off).
 */
const MARKDOWN_TYPES: ReadonlySet<string> = new Set([
  "paragraph_open",
  "paragraph_close",
  "heading_open",
  "heading_close",
  "blockquote_open",
  "blockquote_close",
  "bullet_list_open",
  "bullet_list_close",
  "ordered_list_open",
  "ordered_list_close",
  "list_item_open",
  "list_item_close",
  "hr",
  "code_block",
  "fence",
  "table_open",
  "table_close",
  "thead_open",
  "thead_close",
  "tbody_open",
  "tbody_close",
  "tr_open",
  "tr_close",
  "th_open",
  "th_close",
  "td_open",
  "td_close",
  "inline",
  "text",
  "softbreak",
  "hardbreak",
  "em_open",
  "em_close",
  "strong_open",
  "strong_close",
  "s_open",
  "s_close",
  "link_open",
  "link_close",
  "image",
  "code_inline",
]);

/**
 * markdown-it's own renderer, to tell its rules and methods from a plugin's (made from the same module as
 * the pipeline's, so that its functions are the very same ones).
 */
const OWN = new MarkdownIt().renderer;
const OWN_METHODS = ["renderInline", "renderInlineAsText", "renderToken", "renderAttrs"] as const;

/** A table cell's alignment exactly as markdown-it writes it (sanitize-html writes any other form again). */
const ALIGN = /^text-align:(?:left|right|center)$/;

/** Whether the renderer writes what markdown-it's own rules and methods write, for every type above. */
function markdownItRenders(renderer: Renderer): boolean {
  for (const type of MARKDOWN_TYPES) if (renderer.rules[type] !== OWN.rules[type]) return false;
  return OWN_METHODS.every((method) => renderer[method] === OWN[method]);
}

/**
 * Whether sanitize-html could change an attribute as markdown-it writes it: one the policy refuses (name,
 * URL scheme, class, style), or one it writes differently (an empty value other than `alt`, a style not
 * in markdown-it's form, a class with white space, a repeated name).
 */
function attributeChanges(tag: string, attrs: readonly [string, string][]): boolean {
  return attrs.some(
    ([name, value], i) =>
      !attributeAllowed(tag, name) ||
      valueProblem(tag, name, value) !== undefined ||
      (value === "" && !(tag === "img" && name === "alt")) ||
      (name === "style" && !ALIGN.test(value)) ||
      (name === "class" && /\s/.test(value)) ||
      attrs.findIndex(([other]) => other === name) !== i,
  );
}

/**
 * Whether a fence's info string gives `<code>` a class sanitize-html would change: the language must make
 * an allowed `language-…` class. An info string with an escape or a character reference (which markdown-it
 * decodes first) counts as a change: sanitize-html is the judge of those.
 */
function fenceClassChanges(info: string, langPrefix: string): boolean {
  const trimmed = info.trim();
  if (trimmed === "") return false;
  if (/[\\&]/.test(trimmed)) return true;
  return attributeChanges("code", [["class", langPrefix + (trimmed.split(/\s+/)[0] ?? "")]]);
}

function tokensChange(tokens: readonly Token[], options: Options): boolean {
  for (const token of tokens) {
    if (!MARKDOWN_TYPES.has(token.type) || emptiedByTokenPass(token)) return true;
    if (token.tag !== "" && !ALLOWED_TAGS.has(token.tag)) return true;
    if (token.attrs && attributeChanges(token.tag, token.attrs)) return true;
    if (token.type === "fence" && fenceClassChanges(token.info, options.langPrefix ?? "language-"))
      return true;
    if (token.children && tokensChange(token.children, options)) return true;
  }
  return false;
}

/**
 * Whether sanitize-html could change the HTML markdown-it renders from `tokens`, so that the final pass
 * must run. It could not when the tokens hold only markdown-it's own syntax, rendered by markdown-it's own
 * rules (no plugin's rule, no `highlight`, `xhtmlOut` as sanitize-html writes void tags): no raw HTML
 * anywhere (`html_block`, `html_inline`, in inline children and image alt text alike), nothing the token
 * pass emptied, only allowed tags, and only allowed attributes with values the policy keeps as they are
 * (URLs of the allowed schemes, a `language-…` class, markdown-it's `text-align` style). What is then
 * left between the two is how text is written: `asSanitizeHtmlWrites` settles it.
 */
export function sanitizeHtmlCouldChange(
  tokens: readonly Token[],
  options: Options,
  renderer: Renderer,
): boolean {
  if (options.highlight || !options.xhtmlOut || !markdownItRenders(renderer)) return true;
  return tokensChange(tokens, options);
}

/**
 * markdown-it's HTML written as sanitize-html writes it, for HTML `sanitizeHtmlCouldChange` clears: the
 * one difference is a `"` in text, which markdown-it writes `&quot;` and sanitize-html as it is (inside
 * tags, both write `&quot;`). Tags hold no `>` of their own: markdown-it writes it `&gt;` in attributes.
 */
export function asSanitizeHtmlWrites(html: string): string {
  if (!html.includes("&quot;")) return html;
  return html.replace(/<[^>]*>|&quot;/g, (found) => (found === "&quot;" ? '"' : found));
}
