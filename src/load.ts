import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface SourceFile {
  /** Path as shown in diagnostics: relative to the working directory, with forward slashes. */
  file: string;
  raw: string;
}

export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative.startsWith("..") ? absolute : relative).split(path.sep).join("/");
}

/** Every `.md` file under `dir` (any depth), in a stable order. A missing folder holds no files. */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith(".md"))
    .map((entry) => path.join(dir, entry))
    .sort();
}

/** Reads every markdown file under `dir`. */
export async function loadSources(dir: string): Promise<SourceFile[]> {
  const files = await listMarkdownFiles(dir);
  return Promise.all(files.map(async (f) => ({ file: displayPath(f), raw: await readFile(f, "utf8") })));
}
