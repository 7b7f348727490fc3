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

/** How many files are read at once: enough to keep the disk busy, far below any open-file limit. */
const READ_CONCURRENCY = 64;

/** Reads every markdown file under `dir`, a bounded number at a time. */
export async function loadSources(dir: string): Promise<SourceFile[]> {
  const files = await listMarkdownFiles(dir);
  const sources: SourceFile[] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const f = files[i] as string;
      sources[i] = { file: displayPath(f), raw: await readFile(f, "utf8") };
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return sources;
}
