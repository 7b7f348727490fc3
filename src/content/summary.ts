import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

/** A summary as pages and data show it: inline HTML for pages, plain text for feeds and `<meta>`. */
export interface RenderedSummary {
  /** The summary's text without markup, whitespace collapsed: feeds, meta descriptions, JSON-LD, search. */
  text: string;
  /** The summary rendered as inline markdown (emphasis, links, code) through the sanitizer, for pages. */
  html: string;
}

/** The readable text of inline tokens: text and code as written, breaks as spaces, images by their alt text. */
function plainText(tokens: readonly Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "text" || token.type === "code_inline") text += token.content;
    else if (token.type === "softbreak" || token.type === "hardbreak") text += " ";
    else if (token.type === "image") text += plainText(token.children ?? []);
  }
  return text;
}

/**
 * Renders an article's summary, which may use inline markdown (`*emphasis*`, `**strong**`, `` `code` ``,
 * links), with the site's one markdown pipeline: block syntax stays text, HTML is sanitized as in bodies.
 */
export function renderSummary(md: MarkdownIt, summary: string): RenderedSummary {
  const tokens = md.parseInline(summary, { removals: [] });
  const children = tokens.flatMap((t) => t.children ?? []);
  const html = md.renderer.render(tokens, md.options, { removals: [] }).trim();
  return { text: plainText(children).replace(/\s+/g, " ").trim(), html };
}
