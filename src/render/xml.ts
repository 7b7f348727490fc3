/**
 * Text for XML outputs (feeds, sitemaps). XML 1.0 allows tab, LF, CR and the characters from U+0020 on,
 * except lone surrogates and U+FFFE/U+FFFF: a document holding any other one is not well-formed, and
 * readers reject it whole. Markdown and YAML let them through (a stray U+0001 pasted into a headline), so
 * every XML document Dateline writes goes through `xmlText` as its last step: the one place they are
 * stripped.
 */

/** One character XML 1.0 does not allow (with `u`, a lone surrogate is one character). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML 1.0 does not allow. Linear; returns the text itself when clean. */
export function xmlText(text: string): string {
  NOT_XML_CHAR.lastIndex = 0;
  return NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHAR, "") : text;
}

/** Whether a code point is a character XML 1.0 allows, for checking character references. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Where an XML document breaks XML 1.0's character rules: the index of the first character, or character
 * reference (`&#1;`), that it does not allow, or -1. fast-xml-parser's XMLValidator does not check this.
 */
export function invalidXmlCharAt(xml: string): number {
  const raw = xml.search(new RegExp(NOT_XML_CHAR.source, "u"));
  let reference = -1;
  for (const match of xml.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const code = match[1] ?? "";
    const cp = code.startsWith("x") ? Number.parseInt(code.slice(1), 16) : Number.parseInt(code, 10);
    if (!isXmlChar(cp)) {
      reference = match.index;
      break;
    }
  }
  if (raw === -1) return reference;
  return reference === -1 ? raw : Math.min(raw, reference);
}
