import type { Dirent } from "node:fs";
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { lstat, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import { mapLimit } from "../core/limit.ts";
import type { Diagnostic } from "../core/types.ts";
import { decodeUtf8, longLines } from "./encoding.ts";
import { MAX_FILE_BYTES } from "./limits.ts";

export interface SourceFile {
  /** Path as shown in diagnostics: relative to the working directory, with forward slashes. */
  file: string;
  raw: string;
}

export interface LoadedSources {
  /** The files that could be read, in a stable order. */
  sources: SourceFile[];
  /** Why the others were not read: outside the content folder, too large, not UTF-8, a line too long. */
  diagnostics: Diagnostic[];
}

export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative.startsWith("..") ? absolute : relative).split(path.sep).join("/");
}

async function listEntries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

const isMarkdown = (name: string) => name.endsWith(".md");

/**
 * Every `.md` file under `dir` (any depth), in a stable order. A missing folder holds no files. Symbolic
 * links are listed but not followed (`readSources` checks where they lead).
 */
export async function listMarkdownFiles(dir: string): Promise<string[]> {
  return (await listEntries(dir))
    .filter((entry) => isMarkdown(entry.name) && !entry.isDirectory())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function isInside(real: string, root: string): boolean {
  const relative = path.relative(root, real);
  return (
    relative === "" ||
    (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  );
}

/** A file to read: `shown` in diagnostics, read from `target` (the real path of a link). */
export interface Candidate {
  shown: string;
  target: string;
}

const unreadable = (file: string, message: string) =>
  diagnostic("error", "file/unreadable", file, 1, message, {
    hint: "content files are plain UTF-8 text files",
  });

/**
 * Which files under `dir` to read, and why some are not: a link (to a file or a folder) whose real path is
 * outside `root` is `file/outside-content` and is not followed; a link that stays inside is read if it leads
 * to a file (a linked folder inside is not entered, so nothing is read twice or in a loop).
 */
async function candidates(
  dir: string,
  root: string,
): Promise<{ files: Candidate[]; diagnostics: Diagnostic[] }> {
  const files: Candidate[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const realDir = await realpath(dir).catch(() => undefined);
  if (realDir !== undefined && !isInside(realDir, realRoot)) {
    diagnostics.push(outsideContent(dir));
    return { files, diagnostics };
  }
  for (const entry of await listEntries(dir)) {
    const full = path.join(entry.parentPath, entry.name);
    if (entry.isSymbolicLink()) {
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        if (isMarkdown(entry.name))
          diagnostics.push(unreadable(displayPath(full), "the file is a link to nothing"));
        continue;
      }
      if (!isInside(real, realRoot)) diagnostics.push(outsideContent(full));
      else if (isMarkdown(entry.name)) files.push({ shown: full, target: real });
    } else if (isMarkdown(entry.name) && !entry.isDirectory()) files.push({ shown: full, target: full });
  }
  files.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  return { files, diagnostics };
}

function outsideContent(link: string): Diagnostic {
  return diagnostic(
    "error",
    "file/outside-content",
    displayPath(link),
    1,
    "this link leads outside the content folder; expected files and folders inside it (the link was not followed)",
    { hint: "copy the file into the content folder instead of linking to it" },
  );
}

const mebibytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MiB`;

function tooLarge(file: string, size: number | undefined): Diagnostic {
  const found = size === undefined ? "larger" : `${size.toLocaleString("en")} bytes (${mebibytes(size)})`;
  return diagnostic(
    "error",
    "file/too-large",
    file,
    1,
    `the file is ${found}; expected at most ${MAX_FILE_BYTES.toLocaleString("en")} bytes (${mebibytes(MAX_FILE_BYTES)}); it was not read`,
    { hint: "split it, or move large data out of the content folder" },
  );
}

/**
 * Reads up to `limit` bytes, expecting `expected` (the size the file had when opened): the buffer starts at
 * that size and grows only if the file grows meanwhile.
 */
function readAtMostSync(fd: number, expected: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(expected + 1, limit));
  let filled = 0;
  for (;;) {
    if (filled === buffer.length) {
      if (buffer.length >= limit) break;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit));
      buffer.copy(bigger, 0, 0, filled);
      buffer = bigger;
    }
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * Reads one file with synchronous calls: four system calls a file, without the thread pool's round trips,
 * which for 20,000 small files is several times faster than promises.
 */
function readSourceSync(candidate: Candidate): { source?: SourceFile; diagnostics: Diagnostic[] } {
  const file = displayPath(candidate.shown);
  let fd: number;
  try {
    fd = openSync(
      candidate.target,
      constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0),
    );
  } catch (error) {
    return {
      diagnostics: [unreadable(file, `the file cannot be read (${(error as NodeJS.ErrnoException).code})`)],
    };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return { diagnostics: [unreadable(file, "this is not a regular file; expected a text file")] };
    if (stat.size > MAX_FILE_BYTES) return { diagnostics: [tooLarge(file, stat.size)] };
    const bytes = readAtMostSync(fd, stat.size, MAX_FILE_BYTES + 1);
    if (bytes.length > MAX_FILE_BYTES) return { diagnostics: [tooLarge(file, undefined)] };
    const { text, diagnostics } = decodeUtf8(file, bytes);
    if (text === undefined) return { diagnostics };
    const long = longLines(file, text);
    return long.length > 0 ? { diagnostics: long } : { source: { file, raw: text }, diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [unreadable(file, `the file cannot be read (${(error as NodeJS.ErrnoException).code})`)],
    };
  } finally {
    closeSync(fd);
  }
}

/** Reads one file: never more than `MAX_FILE_BYTES` + 1 bytes, never through a link, never a FIFO or device. */
async function readSource(candidate: Candidate): Promise<{ source?: SourceFile; diagnostics: Diagnostic[] }> {
  return readSourceSync(candidate);
}

/**
 * Reads one content file the way articles are read (never through a link that leaves `root`, never more
 * than `MAX_FILE_BYTES` + 1 bytes, never a FIFO or device, UTF-8 only). `missing` when there is no file.
 */
export async function readContentFile(
  file: string,
  root: string,
): Promise<{ source?: SourceFile; missing?: true; diagnostics: Diagnostic[] }> {
  const info = await lstat(file).catch(() => undefined);
  if (!info) return { missing: true, diagnostics: [] };
  let target = file;
  if (info.isSymbolicLink()) {
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined)
      return { diagnostics: [unreadable(displayPath(file), "the file is a link to nothing")] };
    const realRoot = await realpath(root).catch(() => path.resolve(root));
    if (!isInside(real, realRoot)) return { diagnostics: [outsideContent(file)] };
    target = real;
  }
  return readSource({ shown: file, target });
}

/** How many files are read at once: enough to keep the disk busy, far below any open-file limit. */
export const READ_CONCURRENCY = 64;

/**
 * The files `readSources` would read under `dir`, without reading them (the content cache looks at their
 * size and modification time first), and the links it would refuse.
 */
export async function listSourceFiles(
  dir: string,
  options: { root?: string } = {},
): Promise<{ files: Candidate[]; diagnostics: Diagnostic[] }> {
  return candidates(dir, options.root ?? dir);
}

/** Reads one file listed by `listSourceFiles`, with every check of `readSources` (synchronously). */
export function readSourceFile(candidate: Candidate): { source?: SourceFile; diagnostics: Diagnostic[] } {
  return readSourceSync(candidate);
}

/**
 * Reads every markdown file under `dir`, a bounded number at a time, as UTF-8 text. Never throws on bad
 * content: a file that cannot be read safely is left out, with a diagnostic saying why (`file/outside-content`,
 * `file/too-large`, `file/not-utf8`, `file/invalid-utf8`, `file/line-too-long`, `file/unreadable`).
 * Links must stay inside `root` (the content folder; `dir` itself by default).
 */
export async function readSources(dir: string, options: { root?: string } = {}): Promise<LoadedSources> {
  const { files, diagnostics } = await candidates(dir, options.root ?? dir);
  const results = await mapLimit(files, READ_CONCURRENCY, readSource);
  const sources: SourceFile[] = [];
  for (const result of results) {
    if (result.source) sources.push(result.source);
    diagnostics.push(...result.diagnostics);
  }
  return { sources, diagnostics };
}
