import type { Redirect } from "../core/types.ts";

/**
 * `_redirects`, in the format Netlify and Cloudflare Pages read: one permanent redirect a line,
 * `/old/path/ /2024/01/02/slug/ 301`, sorted by old URL, so the same site gives the same file. A site without
 * redirects gets a file with its header comment only.
 */
export function redirectsFile(redirects: readonly Redirect[]): string {
  const lines = [...redirects]
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    .map((r) => `${r.from} ${r.to} 301`);
  return [
    "# Old URLs of moved articles (redirect_from), for Netlify and Cloudflare Pages",
    ...lines,
    "",
  ].join("\n");
}
