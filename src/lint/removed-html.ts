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

/**
 * `html/removed`: raw HTML in an article or registry body that the published page leaves out (a
 * `<script>`, an `onerror` attribute, a `javascript:` link, an iframe from a host not in `embedHosts`),
 * at its line. The bodies come from the loaded content; nothing is read again.
 */
export function removedHtml(input: LintInput): Diagnostic[] {
  const md = createMarkdown({ embedHosts: input.embedHosts ?? [] });
  const hosts = JSON.stringify(input.embedHosts ?? []);
  const documents = [
    ...input.articles.map((a) => a.document),
    ...input.registryDocuments.filter((d) => d.body.trim() !== ""),
  ];
  const removals = (document: ParsedDocument) =>
    htmlRemovals(document.body, bodyLineOf(document), md).map((r) =>
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
  // Rendering every body is most of `check`'s time: with the content cache, an unchanged file's result is kept.
  return documents.flatMap((document) =>
    input.memo
      ? input.memo(document.file, "html/removed", hosts, () => removals(document))
      : removals(document),
  );
}
