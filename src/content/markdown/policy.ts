/**
 * What HTML an article or registry body may publish: one allowlist, read by the tag cleaner (which reports
 * what it removes, with its line) and by the final sanitize-html pass. docs/sanitizing.md explains it.
 */

/** Settings that change the policy: hosts whose `https` pages may be embedded in an `<iframe>`. */
export interface HtmlPolicy {
  embedHosts: readonly string[];
}

/** Attributes every allowed element may carry. */
const GLOBAL_ATTRIBUTES = ["title", "lang", "dir"] as const;

/** Allowed elements and, for each, its own attributes (besides the global ones). */
const ELEMENTS: Record<string, readonly string[]> = {
  // Text-level semantics.
  a: ["href", "rel", "hreflang"],
  abbr: [],
  b: [],
  bdi: [],
  bdo: [],
  br: [],
  cite: [],
  code: ["class"],
  data: ["value"],
  del: ["cite", "datetime"],
  dfn: [],
  em: [],
  i: [],
  ins: ["cite", "datetime"],
  kbd: [],
  mark: [],
  q: ["cite"],
  s: [],
  samp: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  time: ["datetime"],
  u: [],
  var: [],
  wbr: [],
  // Blocks.
  p: [],
  div: [],
  h1: [],
  h2: [],
  h3: [],
  h4: [],
  h5: [],
  h6: [],
  hr: [],
  blockquote: ["cite"],
  pre: [],
  ul: [],
  ol: ["start", "reversed", "type"],
  li: ["value"],
  dl: [],
  dt: [],
  dd: [],
  figure: [],
  figcaption: [],
  details: ["open"],
  summary: [],
  // Media.
  img: ["src", "alt", "width", "height", "loading", "decoding"],
  iframe: ["src", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"],
  // Tables (markdown-it aligns columns with `style="text-align:…"` on th and td).
  table: [],
  caption: [],
  colgroup: ["span"],
  col: ["span"],
  thead: [],
  tbody: [],
  tfoot: [],
  tr: [],
  th: ["colspan", "rowspan", "scope", "headers", "abbr", "style"],
  td: ["colspan", "rowspan", "headers", "style"],
};

/** Every allowed element name. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set(Object.keys(ELEMENTS));

/** Elements without content or closing tag. */
export const VOID_TAGS: ReadonlySet<string> = new Set(["br", "wbr", "hr", "img", "col"]);

/**
 * Elements whose content goes with them when they are removed: raw text to the HTML parser (script, style,
 * iframe…) or never meant as visible text (option, select, template). The text of any other removed element
 * (`<font>`, `<svg>`'s `<text>`) stays, escaped.
 */
export const DROP_CONTENT: ReadonlySet<string> = new Set([
  "script",
  "style",
  "iframe",
  "textarea",
  "title",
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
  "option",
  "select",
  "template",
]);

/** Attributes whose value is a URL, checked against the allowed schemes. */
export const URL_ATTRIBUTES: ReadonlySet<string> = new Set(["href", "src", "cite"]);

/** Allowed URL schemes: links may also be `mailto:`; an iframe only `https:`. Schemeless URLs are site paths. */
export const SCHEMES = {
  default: ["http", "https"],
  a: ["http", "https", "mailto"],
  iframe: ["https"],
} as const;

/** The only style kept: a table cell's alignment, as markdown-it writes it. */
const TEXT_ALIGN = /^\s*text-align\s*:\s*(?:left|right|center)\s*;?\s*$/i;

/** Classes kept on `<code>`: the language of a fenced block (`language-js`). */
const CODE_CLASS = /^language-[A-Za-z0-9_+#.-]{1,40}$/;

export function attributeAllowed(tag: string, attribute: string): boolean {
  return (
    (GLOBAL_ATTRIBUTES as readonly string[]).includes(attribute) ||
    (ELEMENTS[tag]?.includes(attribute) ?? false)
  );
}

/** sanitize-html's and the tag cleaner's list of attributes per element, global ones under `*`. */
export function allowedAttributes(): Record<string, string[]> {
  const map: Record<string, string[]> = { "*": [...GLOBAL_ATTRIBUTES] };
  for (const [tag, attributes] of Object.entries(ELEMENTS)) map[tag] = [...attributes];
  return map;
}

/** Characters browsers ignore inside URLs (controls and spaces), removed before the scheme is read. */
function compactUrl(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: exactly these characters are the point
  return value.replace(/[\u0000-\u0020]+/g, "");
}

/** Whether a URL holds an HTML comment once the characters browsers ignore are gone. */
export function commentInUrl(value: string): boolean {
  return compactUrl(value).includes("<!--");
}

/**
 * Why a URL attribute must go, or undefined if it may stay. Mirrors sanitize-html's check (launder's
 * naughtyHref) with the schemes above and protocol-relative URLs refused; an HTML comment inside a URL is
 * refused outright, since stripping comments one at a time costs time with the square of their number.
 */
export function urlProblem(tag: string, attribute: string, value: string): string | undefined {
  const url = compactUrl(value);
  if (commentInUrl(url)) return `removed ${attribute} attribute from <${tag}>: an HTML comment in a URL`;
  const scheme = /^([a-zA-Z][a-zA-Z0-9.+-]*):/.exec(url)?.[1]?.toLowerCase();
  const link = tag === "a" && attribute === "href";
  if (scheme === undefined) {
    if (!/^[/\\]{2}/.test(url)) return undefined;
    return link
      ? "removed protocol-relative link"
      : `removed protocol-relative URL from the ${attribute} of <${tag}>`;
  }
  const allowed: readonly string[] = link ? SCHEMES.a : tag === "iframe" ? SCHEMES.iframe : SCHEMES.default;
  if (allowed.includes(scheme)) return undefined;
  return link ? `removed ${scheme}: link` : `removed ${scheme}: URL from the ${attribute} of <${tag}>`;
}

/** Why an iframe must go, or undefined if its `src` is `https` on a host listed in `embedHosts`. */
export function iframeProblem(src: string | undefined, policy: HtmlPolicy): string | undefined {
  if (src === undefined || compactUrl(src) === "") return "removed <iframe> element without a src";
  const scheme = urlProblem("iframe", "src", src);
  if (scheme) return `removed <iframe> element: its src is not an https URL`;
  let host: string;
  try {
    host = new URL(compactUrl(src)).hostname.toLowerCase();
  } catch {
    return "removed <iframe> element: its src is not an https URL";
  }
  if (policy.embedHosts.some((h) => h.toLowerCase() === host)) return undefined;
  return `removed <iframe> element: ${host} is not in embedHosts`;
}

/** Why an attribute with an allowed name must still go (its value), or undefined. */
export function valueProblem(tag: string, attribute: string, value: string): string | undefined {
  if (URL_ATTRIBUTES.has(attribute)) return urlProblem(tag, attribute, value);
  if (attribute === "style" && !TEXT_ALIGN.test(value))
    return `removed style attribute from <${tag}> (only text-align is kept)`;
  if (
    attribute === "class" &&
    !value
      .trim()
      .split(/\s+/)
      .every((c) => CODE_CLASS.test(c))
  )
    return `removed class attribute from <${tag}> (only language-… is kept)`;
  return undefined;
}

/** The host-name allowlist and alignment rules in sanitize-html's terms. */
export const TEXT_ALIGN_VALUES = /^(?:left|right|center)$/i;
export const CODE_CLASSES = ["language-*"];
