import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The documents whose examples and links are checked: the README and every page of docs/. */
export function documents(): string[] {
  const docs = readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`);
  return ["README.md", ...docs];
}

export function readDocument(name: string): string {
  return readFileSync(path.join(ROOT, name), "utf8");
}

/** A fenced code block of a markdown document. */
export interface FencedBlock {
  /** The info string after the fence: its first word is the language (`console`). */
  info: string;
  language: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The lines between the fences. */
  lines: string[];
}

/** Every fenced block (``` or ~~~, three or more) of a markdown text, in order. */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.split(/\r?\n/);
  let open: { fence: string; block: FencedBlock } | undefined;
  lines.forEach((line, i) => {
    if (open) {
      if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, "") === "") {
        blocks.push(open.block);
        open = undefined;
      } else open.block.lines.push(line);
      return;
    }
    const match = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (!match) return;
    const info = (match[2] ?? "").trim();
    open = {
      fence: match[1] ?? "```",
      block: { info, language: info.split(/\s+/)[0] ?? "", line: i + 1, lines: [] },
    };
  });
  return blocks;
}

/** The markdown outside fenced blocks, with the blocks' lines blanked (so line numbers stay right). */
export function prose(text: string): string {
  const lines = text.split(/\r?\n/);
  for (const block of fencedBlocks(text)) {
    for (let i = block.line - 1; i <= block.line + block.lines.length; i++) lines[i] = "";
  }
  return lines.join("\n");
}

/** A row of a markdown table, split into its cells (trimmed), with its line. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** Every table row of the prose (header and separator rows included). */
export function tableRows(text: string): TableRow[] {
  return prose(text)
    .split("\n")
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => /^\s*\|.*\|\s*$/.test(line))
    .map(({ line, number }) => ({
      line: number,
      cells: line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    }));
}
