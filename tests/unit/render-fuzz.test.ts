import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { ALLOWED_TAGS } from "../../src/content/markdown/policy.ts";
import { createMarkdown, htmlRemovals, renderMarkdown } from "../../src/content/markdown.ts";
import { plainText } from "../../src/render/search.ts";
import { prng } from "../helpers/fuzz.ts";

/**
 * Large hostile inputs for the search-text extractor and the markdown pipeline (markdown-it, the tag
 * cleaner, sanitize-html). Each must come back, without throwing, within the test's budget; the HTML that
 * comes out must keep to the allowlist. No timings are asserted: the budget is the test timeout.
 */
const BUDGET_MS = 10_000;
const SIZE = 300_000;
const md = createMarkdown({ embedHosts: ["video.example.test"] });

const PIECES = [
  "<",
  ">",
  "</",
  "/>",
  "<!--",
  "-->",
  "<!",
  "<?",
  "]]>",
  "=",
  '"',
  "'",
  "&",
  "&#",
  "&#x",
  ";",
  "script",
  "img",
  "a",
  "iframe",
  "svg",
  "style",
  "b",
  "div",
  "details",
  " onerror",
  " href",
  " src",
  "javascript:",
  "data:",
  "https://video.example.test/",
  "//",
  " ",
  "\n",
  "\n\n",
  "\t",
  "*",
  "_",
  "[",
  "](",
  ")",
  "`",
  "|",
  "- ",
  "> ",
  "#",
  "\u0000",
  "\u0001",
  "\uD800",
  "\uFFFE",
  "word",
  "9999999",
];

function pieces(seed: number, length: number): string {
  const random = prng(seed);
  const out: string[] = [];
  let size = 0;
  while (size < length) {
    const piece = PIECES[Math.floor(random() * PIECES.length)] ?? "";
    out.push(piece);
    size += piece.length;
  }
  return out.join("");
}

function bytes(seed: number, length: number): string {
  const random = prng(seed);
  return Array.from({ length }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
}

const PAYLOADS: Record<string, string> = {
  "'<' after '<!--'": `<!--${"<".repeat(SIZE)}`,
  "'<' after text": `text ${"<".repeat(SIZE)}`,
  "'<a ' repeated": "<a ".repeat(SIZE / 3),
  "'&#' repeated": "&#".repeat(SIZE / 2),
  "'&#x' repeated": "&#x".repeat(SIZE / 3),
  "a huge numeric reference": `<div>&#${"9".repeat(SIZE)};</div>`,
  "'<b>' nested deep": `${"<b>".repeat(SIZE / 3)}x`,
  "'<div>' nested over lines and blocks": "<div>\n".repeat(SIZE / 12) + "<div>\n\n".repeat(SIZE / 14),
  "unmatched end tags below deep nesting": "<b>".repeat(SIZE / 7) + "</i>".repeat(SIZE / 7),
  "a long attribute value": `<a href="${"a".repeat(SIZE)}" title='${"t".repeat(SIZE)}'>x</a>`,
  "a URL of HTML comments": `<img src="${"x<!---->".repeat(SIZE / 8)}"><a href="/${"<!--a-->".repeat(SIZE / 8)}">x</a>`,
  "an unterminated tag": `<img src="x${" onerror=alert(1)".repeat(SIZE / 17)}`,
  "an unterminated comment and CDATA": `x <!-- ${"-".repeat(SIZE / 2)} <![CDATA[${"]".repeat(SIZE / 2)}`,
  "many refused iframes": "<iframe src='https://evil.example/'>x</iframe>y\n".repeat(SIZE / 48),
  "many attributes on one tag": `<b ${Array.from({ length: SIZE / 8 }, (_, i) => `on${i}=1`).join(" ")}>x</b>`,
  "a long style": `<table><tr><td style="${"text-align:left;".repeat(SIZE / 16)}">1</td></tr></table>`,
  "an unclosed script": `a <script>${"x\n".repeat(SIZE / 2)}`,
  "markdown brackets": "[".repeat(SIZE / 2) + "](".repeat(SIZE / 4),
  "markdown emphasis": "*a_".repeat(SIZE / 3),
  "markdown image openers": "![".repeat(SIZE / 2),
  "markdown backticks": "`".repeat(SIZE),
  "markdown quotes": "> ".repeat(SIZE / 2),
  "markdown list nesting": Array.from({ length: 800 }, (_, i) => `${" ".repeat(i * 2)}- x`).join("\n"),
  "a wide table": `|${"a|".repeat(SIZE / 4)}\n|${"-|".repeat(SIZE / 4)}\n`,
  "linkified text": "www.example.test ".repeat(SIZE / 17),
  ...Object.fromEntries([1, 2, 3, 4].map((seed) => [`HTML-ish pieces, seed ${seed}`, pieces(seed, SIZE)])),
  ...Object.fromEntries([5, 6].map((seed) => [`random bytes, seed ${seed}`, bytes(seed, SIZE)])),
};

/** Every element, attribute (`<tag> name`) and URL of some HTML: what a browser would build from it. */
function markupOf(html: string): { tags: Set<string>; attributes: string[]; urls: string[] } {
  const tags = new Set<string>();
  const attributes: string[] = [];
  const urls: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      tags.add(name);
      for (const [attribute, value] of Object.entries(attribs)) {
        attributes.push(`<${name}> ${attribute}`);
        if (["href", "src", "cite"].includes(attribute)) urls.push(value);
      }
    },
  });
  parser.end(html);
  return { tags, attributes, urls };
}

describe("the search-text extractor and the markdown pipeline on hostile input", () => {
  for (const [name, input] of Object.entries(PAYLOADS)) {
    it(
      `return for ${name}, keeping to the allowlist`,
      () => {
        expect(typeof plainText(input)).toBe("string");
        const { html } = renderMarkdown(input, 1, md);
        expect(typeof plainText(html)).toBe("string");
        expect(Array.isArray(htmlRemovals(input, 1, md))).toBe(true);
        const { tags, attributes, urls } = markupOf(html);
        expect([...tags].filter((t) => !ALLOWED_TAGS.has(t))).toEqual([]);
        expect(attributes.filter((a) => /> (on|srcdoc)/.test(a) || /^<(?!td>|th>).*> style/.test(a))).toEqual(
          [],
        );
        expect(urls.filter((u) => /^\s*(javascript|data|vbscript):/i.test(u))).toEqual([]);
      },
      BUDGET_MS,
    );
  }
});
