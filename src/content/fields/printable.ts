import type { z } from "zod";
import { addRuleIssue } from "./rule-issue.ts";

/**
 * Characters no page, feed or sitemap may carry: C0 controls other than tab and line breaks, DEL, C1
 * controls, lone surrogates and the noncharacters U+FFFE and U+FFFF. HTML calls them parse errors and XML
 * does not allow them.
 */
export const FORBIDDEN_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/u;
const FORBIDDEN_CHARACTERS = new RegExp(FORBIDDEN_CHARACTER.source, "gu");

/** `<prefix>/control-character`: a text field holding a character no page may carry, and where it is. */
export function checkPrintable(field: string, value: string, ctx: z.core.$RefinementCtx): void {
  const found = FORBIDDEN_CHARACTER.exec(value);
  if (!found) return;
  const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  addRuleIssue(
    ctx,
    `"${field}" holds the invisible control character U+${code} at character ${found.index + 1}; expected printable text`,
    "control-character",
    "retype the text around it; it usually comes from copying out of another program",
  );
}

/** The text without the characters of `FORBIDDEN_CHARACTER` (for rendered bodies). */
export function stripForbidden(text: string): string {
  return FORBIDDEN_CHARACTER.test(text) ? text.replace(FORBIDDEN_CHARACTERS, "") : text;
}
