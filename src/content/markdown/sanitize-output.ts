import type MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { stripForbidden } from "../fields/printable.ts";
import { asSanitizeHtmlWrites, sanitizeHtmlCouldChange } from "./markdown-only.ts";
import {
  ALLOWED_TAGS,
  allowedAttributes,
  CODE_CLASSES,
  commentInUrl,
  DROP_CONTENT,
  type HtmlPolicy,
  iframeProblem,
  SCHEMES,
  TEXT_ALIGN_VALUES,
  URL_ATTRIBUTES,
} from "./policy.ts";

/** The name a refused iframe is renamed to, so that sanitize-html drops it with its content. */
const REFUSED = "dateline-refused";

/** sanitize-html's options for the policy: the same allowlist as the tag cleaner's. */
export function sanitizeOptions(policy: HtmlPolicy): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: allowedAttributes(),
    allowedClasses: { code: CODE_CLASSES },
    allowedStyles: { th: { "text-align": [TEXT_ALIGN_VALUES] }, td: { "text-align": [TEXT_ALIGN_VALUES] } },
    allowedSchemes: [...SCHEMES.default],
    allowedSchemesByTag: { a: [...SCHEMES.a], iframe: [...SCHEMES.iframe] },
    allowProtocolRelative: false,
    allowedIframeHostnames: [...policy.embedHosts],
    allowIframeRelativeUrls: false,
    nonTextTags: [...DROP_CONTENT, REFUSED],
    disallowedTagsMode: "discard",
    transformTags: {
      // sanitize-html strips comments out of a URL one at a time, in time that grows with the square of
      // their number: a URL holding one is dropped before it gets there.
      "*": (tagName, attribs) => {
        const kept: sanitizeHtml.Attributes = {};
        for (const [name, value] of Object.entries(attribs))
          if (!URL_ATTRIBUTES.has(name) || !commentInUrl(value)) kept[name] = value;
        return { tagName, attribs: kept };
      },
      iframe: (tagName, attribs) =>
        iframeProblem(attribs.src, policy) ? { tagName: REFUSED, attribs: {} } : { tagName, attribs },
    },
  };
}

/** How the final pass runs: `always` puts every render through sanitize-html (tests compare the two). */
export interface SanitizeOutputOptions {
  always?: boolean;
}

/**
 * The markdown-it plugin that puts the whole rendered HTML through sanitize-html with the same allowlist,
 * so that nothing assembled across token boundaries gets through. It reports nothing: what it could still
 * remove, the token pass has already removed and reported. HTML rendered from tokens in which it could
 * change nothing (`sanitizeHtmlCouldChange`: markdown-it's own syntax only, no raw HTML, allowed URLs) is
 * written as sanitize-html writes it instead, byte for byte, without parsing it again.
 */
export function sanitizeOutput(md: MarkdownIt, policy: HtmlPolicy, how: SanitizeOutputOptions = {}): void {
  const options = sanitizeOptions(policy);
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, renderOptions, env) => {
    const html = render(tokens, renderOptions, env);
    const clean =
      how.always || sanitizeHtmlCouldChange(tokens, renderOptions, md.renderer)
        ? sanitizeHtml(html, options)
        : asSanitizeHtmlWrites(html);
    return stripForbidden(clean);
  };
}
