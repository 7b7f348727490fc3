import { Tokenizer } from "htmlparser2";
import {
  ALLOWED_TAGS,
  attributeAllowed,
  DROP_CONTENT,
  type HtmlPolicy,
  iframeProblem,
  VOID_TAGS,
  valueProblem,
} from "./policy.ts";

/** Something the cleaner left out, and where it began in the fragment (a character offset). */
export interface FragmentRemoval {
  offset: number;
  what: string;
}

/**
 * Raw HTML tags one body may have, shared by all its fragments. htmlparser2's parser, which the final
 * sanitize-html pass uses, spends time with the square of the nesting depth, so a body of nothing but
 * `<b><b><b>…` would take minutes; past this many tags, raw tags are dropped (and reported once).
 */
export const MAX_RAW_TAGS = 20_000;

export interface TagBudget {
  left: number;
  reported: boolean;
}

/**
 * What carries over from one fragment to the next: the element whose content is being dropped (`<script>`
 * … `</script>` split over several inline tokens), whether its end tag is written (an allowed iframe's is),
 * the removed `<svg>` or `<math>` elements we are inside, whose own child elements are not reported one by
 * one, and the body's tag budget.
 */
export interface CleanState {
  dropping?: string;
  keepEndTag?: boolean;
  foreign: string[];
  budget: TagBudget;
}

/** Removed elements whose children are SVG or MathML: reported once, not for each child. */
const FOREIGN = new Set(["svg", "math"]);

export function newTagBudget(): TagBudget {
  return { left: MAX_RAW_TAGS, reported: false };
}

export function newCleanState(budget: TagBudget = newTagBudget()): CleanState {
  return { foreign: [], budget };
}

/** HTML text: `&`, `<` and `>` escaped; characters HTML never allows (NUL) replaced. */
export function escapeText(text: string): string {
  return text.replace(/[&<>\0]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "\uFFFD",
  );
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;");
}

/** A character reference's code point as text: out of range, surrogates and NUL become U+FFFD. */
export function codePointText(cp: number): string {
  if (!Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(cp);
}

interface OpenTag {
  name: string;
  start: number;
  attributes: [string, string][];
}

/**
 * Cleans an HTML fragment tag by tag, without building a tree: allowed elements and attributes are written
 * again from what the tokenizer read (names from the allowlist, values escaped), everything else is left out
 * and reported with its offset. A fragment may hold unbalanced tags (`<details>` in one markdown block,
 * `</details>` in a later one): they stay unbalanced, for the final sanitize-html pass over the whole page to
 * settle. Comments, doctypes and processing instructions are dropped without a report. Linear in the
 * fragment's length (htmlparser2's tokenizer), never throws.
 */
export function cleanHtml(
  html: string,
  policy: HtmlPolicy,
  state: CleanState = newCleanState(),
): { html: string; removals: FragmentRemoval[] } {
  const out: string[] = [];
  const removals: FragmentRemoval[] = [];
  let tag: OpenTag | undefined;
  let attributeName = "";
  let attributeValue = "";

  const report = (offset: number, what: string, always = false) => {
    if (always || state.foreign.length === 0) removals.push({ offset, what });
  };

  /** Takes one tag from the budget; false (reported once per body) when it is spent. */
  const spend = (offset: number): boolean => {
    if (state.budget.left > 0) {
      state.budget.left--;
      return true;
    }
    if (!state.budget.reported) {
      state.budget.reported = true;
      report(offset, `removed the raw HTML tags after the first ${MAX_RAW_TAGS} of this body`, true);
    }
    return false;
  };

  const closeOpenTag = () => {
    const current = tag;
    tag = undefined;
    if (!current) return;
    const { name, start, attributes } = current;
    if (state.dropping !== undefined) return;
    if (!ALLOWED_TAGS.has(name)) {
      if (DROP_CONTENT.has(name)) {
        report(start, `removed <${name}> element`, true);
        state.dropping = name;
        state.keepEndTag = false;
      } else {
        report(
          start,
          FOREIGN.has(name) ? `removed <${name}> element, keeping its text` : `removed <${name}> tag`,
        );
        if (FOREIGN.has(name)) state.foreign.push(name);
      }
      return;
    }
    const kept: string[] = [];
    const seen = new Set<string>();
    if (name === "iframe") {
      const problem = iframeProblem(attributes.find(([n]) => n === "src")?.[1], policy);
      if (problem) {
        report(start, problem, true);
        state.dropping = name;
        state.keepEndTag = false;
        return;
      }
    }
    for (const [attribute, value] of attributes) {
      if (seen.has(attribute)) continue;
      seen.add(attribute);
      if (!attributeAllowed(name, attribute)) {
        report(start, `removed ${attribute} attribute from <${name}>`, true);
        continue;
      }
      const problem = valueProblem(name, attribute, value);
      if (problem) {
        report(start, problem, true);
        continue;
      }
      kept.push(value === "" ? ` ${attribute}` : ` ${attribute}="${escapeAttribute(value)}"`);
    }
    const written = spend(start);
    if (written) out.push(`<${name}${kept.join("")}>`);
    if (name === "iframe") {
      state.dropping = name;
      state.keepEndTag = written;
    }
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext(start, end) {
        if (state.dropping === undefined) out.push(escapeText(html.slice(start, end)));
      },
      ontextentity(cp) {
        if (state.dropping === undefined) out.push(escapeText(codePointText(cp)));
      },
      onopentagname(start, end) {
        tag = { name: html.slice(start, end).toLowerCase(), start: start - 1, attributes: [] };
      },
      onattribname(start, end) {
        attributeName = html.slice(start, end).toLowerCase();
        attributeValue = "";
      },
      onattribdata(start, end) {
        attributeValue += html.slice(start, end);
      },
      onattribentity(cp) {
        attributeValue += codePointText(cp);
      },
      onattribend() {
        tag?.attributes.push([attributeName, attributeValue]);
        attributeValue = "";
      },
      onopentagend() {
        closeOpenTag();
      },
      onselfclosingtag() {
        closeOpenTag();
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (state.dropping !== undefined) {
          if (name !== state.dropping) return;
          state.dropping = undefined;
          if (state.keepEndTag) out.push(`</${name}>`);
          return;
        }
        const foreign = state.foreign.lastIndexOf(name);
        if (foreign !== -1) state.foreign.length = foreign;
        else if (ALLOWED_TAGS.has(name) && !VOID_TAGS.has(name) && spend(start - 2)) out.push(`</${name}>`);
      },
      oncomment() {},
      oncdata() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {
        if (tag && state.dropping === undefined)
          report(tag.start, `removed unfinished <${tag.name}> tag`, true);
      },
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return { html: out.join(""), removals };
}
