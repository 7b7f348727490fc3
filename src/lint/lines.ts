import { normalizeText, type ParsedDocument } from "../content/frontmatter.ts";
import type { ItemLocator, Position } from "./types.ts";

/** The position of each item of a block list under `key`, or none for an inline list or a single value. */
export function blockItemPositions(text: string, keyLine: number): Position[] {
  const lines = text.split("\n");
  const found: Position[] = [];
  for (let i = keyLine; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const item = /^(\s*-)(\s+|$)/.exec(line);
    if (item) found.push({ line: i + 1, column: item[0].length + 1 });
    else if (/^\S/.test(line) && !line.startsWith("#")) break;
  }
  return found;
}

/**
 * An `ItemLocator` that reads a file only when a warning needs the line of a list item, and only once.
 * `readRaw` returns the file's text, or undefined if it cannot be read (the key's line is used then).
 */
export function createItemLocator(readRaw: (file: string) => string | undefined): ItemLocator {
  const texts = new Map<string, string | undefined>();
  const items = new Map<string, Position[]>();
  return (document: ParsedDocument, key: string, index: number): Position => {
    const keyLine = document.keyLines.get(key);
    if (keyLine === undefined) return { line: 1, column: 1 };
    const cacheKey = `${document.file}\u0000${key}`;
    let positions = items.get(cacheKey);
    if (!positions) {
      if (!texts.has(document.file)) {
        const raw = readRaw(document.file);
        texts.set(document.file, raw === undefined ? undefined : normalizeText(raw));
      }
      const text = texts.get(document.file);
      positions = text === undefined ? [] : blockItemPositions(text, keyLine);
      items.set(cacheKey, positions);
    }
    return positions[index] ?? { line: keyLine, column: 1 };
  };
}
