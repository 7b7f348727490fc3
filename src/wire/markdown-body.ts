/**
 * Wire text as a markdown paragraph that renders as the same text: characters markdown would read as
 * markup (`*`, `_`, backticks, `<`, a backslash) are escaped, and so is a line start that would begin a
 * heading, quote or list (`# `, `> `, `- `, `1. `).
 */
export function escapeParagraph(text: string): string {
  return text
    .replace(/[\\`*_<]/g, (c) => `\\${c}`)
    .replace(/^(#|>|[-+=]\s)/u, (m) => `\\${m}`)
    .replace(/^(\d+)([.)]\s)/u, "$1\\$2");
}
