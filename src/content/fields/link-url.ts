import { z } from "zod";
import { describeValue } from "../../core/diagnostics.ts";
import { addRuleIssue } from "./rule-issue.ts";

/** Whitespace and control characters: a browser drops some of them, so `java\tscript:` would run. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f-\u009f]/u;

/** The origin used to check that a site path stays on the site. */
const PROBE = "https://site.invalid";

/** `new URL`, or undefined where it would throw (Node 20 has no `URL.parse`). */
function parseUrl(value: string, base?: string): URL | undefined {
  return URL.canParse(value, base) ? new URL(value, base) : undefined;
}

/** Why `value` is not an http(s) URL or a path on the site, or undefined when it is one. */
export function linkUrlProblem(value: string): string | undefined {
  if (UNSAFE_CHARACTERS.test(value)) return "it contains spaces or control characters";
  if (value.startsWith("/")) {
    if (value.startsWith("//")) return "it starts with //, which leaves the site (write https:// instead)";
    if (value.includes("\\")) return "it contains a backslash, which browsers read as /";
    const resolved = parseUrl(value, PROBE);
    return resolved?.origin === PROBE ? undefined : "it is not a path on the site";
  }
  const url = parseUrl(value);
  if (!url) return "it is not a URL";
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `its scheme is ${url.protocol.slice(0, 20)}, which pages must not link to`;
  if (url.hostname === "") return "it has no host name";
  return undefined;
}

/**
 * A link written into pages (a registry `image` or `sameAs`): an `http(s)` URL or a path on the site
 * starting with a single `/`. Anything else (`javascript:`, `file://`, `//host`, `data:`) is
 * `<prefix>/invalid-url`.
 */
export const linkUrl = (field: string) =>
  z
    .string({
      error: (issue) => `expected "${field}" to hold URLs, found ${describeValue(issue.input)}`,
    })
    .trim()
    .superRefine((value, ctx) => {
      const problem = linkUrlProblem(value);
      if (problem)
        addRuleIssue(
          ctx,
          `"${field}": ${JSON.stringify(value.slice(0, 200))} is not a link a page may carry (${problem}); expected an http(s) URL or a path on the site starting with /`,
          "invalid-url",
          "for example https://example.org/photo.jpg or /photos/photo.jpg",
        );
    });
