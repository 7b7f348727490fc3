import type MarkdownIt from "markdown-it";
import type { ParsedDocument } from "../content/frontmatter.ts";
import { createMarkdown, htmlRemovals } from "../content/markdown.ts";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import type { LintInput } from "./types.ts";

/**
 * The line of the file where a document's body starts: the parser's `bodyLine` when it gives one, else
 * line 1 (lines are then counted from the start of the body).
 */
export function bodyLineOf(document: ParsedDocument): number {
  return "bodyLine" in document && typeof document.bodyLine === "number" ? document.bodyLine : 1;
}

function hintFor(what: string): string {
  if (what.includes("<iframe>") && what.includes("embedHosts"))
    return "to embed it, list its host in embedHosts in site.json";
  if (/\blink\b|URL/.test(what)) return "link to an http(s) or mailto: address, or to a path of the site";
  return "remove it, or write it with the markdown or HTML that docs/sanitizing.md lists";
}

/** The key of `html/removed`'s results: what else they depend on, the hosts an iframe may show. */
export function removedHtmlKey(embedHosts: readonly string[] | undefined): string {
  return JSON.stringify(embedHosts ?? []);
}

/** `html/removed` in one document, rendered with `md` (made with the settings' `embedHosts`). */
export function removedHtmlIn(document: ParsedDocument, md: MarkdownIt): Diagnostic[] {
  return htmlRemovals(document.body, bodyLineOf(document), md).map((r) =>
    diagnostic(
      "warning",
      "html/removed",
      document.file,
      r.line,
      r.what.startsWith("and ")
        ? `${r.what}, all left out of the published page`
        : `${r.what} (the published page leaves it out; expected only the HTML docs/sanitizing.md lists)`,
      { hint: hintFor(r.what) },
    ),
  );
}

/**
 * `html/removed`: raw HTML in an article or registry body that the published page leaves out (a
 * `<script>`, an `onerror` attribute, a `javascript:` link, an iframe from a host not in `embedHosts`),
 * at its line. The bodies come from the loaded content; nothing is read again, and an article's result
 * found while it was read (`readWarnings`, src/lint/reading.ts) is not looked for again.
 */
export function removedHtml(input: LintInput): Diagnostic[] {
  let md: MarkdownIt | undefined;
  const hosts = removedHtmlKey(input.embedHosts);
  const documents = [
    ...input.articles.map((a) => a.document),
    ...input.registryDocuments.filter((d) => d.body.trim() !== ""),
  ];
  const removals = (document: ParsedDocument) => {
    md ??= createMarkdown({ embedHosts: input.embedHosts ?? [] });
    return removedHtmlIn(document, md);
  };
  // Rendering every body is most of `check`'s time: with the content cache, an unchanged file's result is kept.
  return documents.flatMap(
    (document) =>
      input.readWarnings?.(document.file, "html/removed", hosts) ??
      (input.memo
        ? input.memo(document.file, "html/removed", hosts, () => removals(document))
        : removals(document)),
  );
}
