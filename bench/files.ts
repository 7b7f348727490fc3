import { readdir } from "node:fs/promises";

export interface FileCount {
  files: number;
  html: number;
}

/** Counts the files under `dir` (any depth), and how many of them are HTML pages. */
export async function countFiles(dir: string): Promise<FileCount> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile());
  return { files: files.length, html: files.filter((e) => e.name.endsWith(".html")).length };
}
