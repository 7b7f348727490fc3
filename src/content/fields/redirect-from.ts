import { diagnostic } from "../../core/diagnostics.ts";
import type { Diagnostic } from "../../core/types.ts";
import { redirectUrl } from "../../core/urls.ts";
import type { ParsedDocument } from "../frontmatter.ts";
import { MAX_SLUG_LENGTH } from "../limits.ts";
import { list, text } from "./text.ts";

/** `redirect_from`: a list of texts (one text is a list of one); each is checked as a path afterwards. */
export const redirectFromList = () => list("redirect_from", text("redirect_from"), "a list of old URLs");

/** The longest old URL accepted: a few folders of slug length. */
const MAX_REDIRECT_LENGTH = 4 * MAX_SLUG_LENGTH;

/** Why a path is no root-relative URL path of this site, or undefined when it is one. */
function pathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return "it does not start with /";
  if (path.startsWith("//")) return "it starts with //, which names another host";
  if (/[?#]/.test(path)) return "it has a query (?) or a fragment (#)";
  if (/[\s\\]/u.test(path)) return "it has a space or a backslash";
  if (path.split("/").some((part) => part === ".." || part === "."))
    return "it has a . or .. segment, which leads outside the old page's folder";
  if (path.length > MAX_REDIRECT_LENGTH)
    return `it has ${path.length} characters, more than ${MAX_REDIRECT_LENGTH}`;
  if (redirectUrl(path) === "/") return "it is the front page";
  return undefined;
}

/**
 * The old URLs of `redirect_from`, normalized (`/old/path` → `/old/path/`), each with the line of its list
 * item; or `article/invalid-redirect` at the item's line for every one that is not a root-relative path
 * (`/2019/05/old-slug/`): no scheme or host, no query or fragment, no `.` or `..` segment.
 */
export function checkRedirectFrom(
  values: readonly string[],
  doc: ParsedDocument,
): { redirects: { url: string; line: number }[]; diagnostics: Diagnostic[] } {
  const redirects: { url: string; line: number }[] = [];
  const diagnostics: Diagnostic[] = [];
  const keyLine = doc.keyLines.get("redirect_from") ?? 1;
  values.forEach((value, i) => {
    const at = doc.positionOf(["redirect_from", i]);
    const line = at?.line ?? keyLine;
    const problem = pathProblem(value);
    if (problem === undefined) {
      redirects.push({ url: redirectUrl(value), line });
      return;
    }
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    diagnostics.push(
      diagnostic(
        "error",
        "article/invalid-redirect",
        doc.file,
        line,
        `"redirect_from": "${shown}" is not an old URL of this site (${problem}); expected a path such as /2019/05/12/old-slug/`,
        {
          field: "redirect_from",
          ...(at ? { column: at.column } : {}),
          hint: "write the old page's path, from the / after the host name, without ?query or #fragment",
        },
      ),
    );
  });
  return { redirects, diagnostics };
}
