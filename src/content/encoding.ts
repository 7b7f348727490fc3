import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";
import { MAX_LINE_LENGTH } from "./limits.ts";

/** Strict UTF-8: a bad byte is an error, not a silent U+FFFD. A byte-order mark is kept in the text. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The offset of the first byte that starts an invalid UTF-8 sequence, by the rules `TextDecoder` follows
 * (no overlong forms, no surrogates, nothing past U+10FFFF), or -1 if every byte is valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lower || c > upper) return i;
      lower = 0x80;
      upper = 0xbf;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * "little-endian" or "big-endian" for a file saved as UTF-16: a UTF-16 byte-order mark, or (without one)
 * the NUL in every other byte that ASCII text such as `---` and `title:` gets in UTF-16.
 */
function utf16Order(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "little-endian";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "big-endian";
  const pairs = Math.min(bytes.length, 1024) >> 1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (pairs < 2) return undefined;
  if (odd * 4 >= pairs && even * 4 <= odd) return "little-endian";
  if (even * 4 >= pairs && odd * 4 <= even) return "big-endian";
  return undefined;
}

/** Line and column (1-based, in characters) of a byte offset; CRLF and a lone CR end a line, as in an editor. */
function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: utf8.decode(bytes.subarray(lineStart, offset)).length + 1 };
}

/**
 * The text of a content file, which must be UTF-8 (a byte-order mark is allowed). A file saved as UTF-16 is
 * `file/not-utf8`; a byte that is not UTF-8 is `file/invalid-utf8` at its line and column.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  const order = utf16Order(bytes);
  if (order) {
    return {
      diagnostics: [
        diagnostic(
          "error",
          "file/not-utf8",
          file,
          1,
          `the file is saved as UTF-16 (${order}); expected UTF-8`,
          {
            hint: "save it again with the encoding UTF-8 (your editor's Save with Encoding or Save As)",
          },
        ),
      ],
    };
  }
  try {
    return { text: utf8.decode(bytes), diagnostics: [] };
  } catch {
    const offset = Math.max(firstInvalidUtf8(bytes), 0);
    const { line, column } = bytePosition(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      diagnostics: [
        diagnostic(
          "error",
          "file/invalid-utf8",
          file,
          line,
          `byte 0x${byte} is not valid UTF-8; expected UTF-8 text`,
          {
            column,
            hint: "the file was probably saved as Latin-1 or Windows-1252: save it again with the encoding UTF-8",
          },
        ),
      ],
    };
  }
}

/**
 * A `file/line-too-long` error for each line longer than `MAX_LINE_LENGTH` characters; LF, CRLF and a lone
 * CR end a line, as in an editor.
 */
export function longLines(file: string, text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (text.length <= MAX_LINE_LENGTH) return found;
  let line = 1;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    const cr = c === 0x0d;
    if (c !== 0x0a && !cr && i < text.length) continue;
    const length = i - start;
    if (length > MAX_LINE_LENGTH) {
      found.push(
        diagnostic(
          "error",
          "file/line-too-long",
          file,
          line,
          `line ${line} is ${length.toLocaleString("en")} characters long; expected at most ${MAX_LINE_LENGTH.toLocaleString("en")}`,
          { column: MAX_LINE_LENGTH + 1, hint: "break the text into paragraphs" },
        ),
      );
    }
    if (cr && text.charCodeAt(i + 1) === 0x0a) i++;
    line++;
    start = i + 1;
  }
  return found;
}
