import { open, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ignoreMissing, nodeFs, type PublishFs } from "./fs.ts";
import {
  decodeManifest,
  encodeManifestChunks,
  type Manifest,
  parseLegacyManifest,
} from "./manifest-format.ts";

export type { FileTable, Manifest, SearchManifest } from "./manifest-format.ts";

/** A manifest as written: its size, and the checksum it ends with (which stands for all its bytes). */
export interface WrittenManifest {
  size: number;
  checksum: Buffer;
}

/**
 * The build manifest in an output folder: what the last build published there (see manifest-format.ts for
 * the format). Its presence marks the folder as Dateline's output. Dateline before the compact format wrote
 * `.dateline-manifest.json`; such a manifest is read as well, and replaced by the compact one at the next
 * publish.
 */
export const MANIFEST_FILE = ".dateline-manifest";
export const LEGACY_MANIFEST_FILE = ".dateline-manifest.json";

/** Whether a file name in an output folder is a manifest, of this format or the earlier one. */
export function isManifestName(name: string): boolean {
  return name === MANIFEST_FILE || name === LEGACY_MANIFEST_FILE;
}

/**
 * The manifest in an output folder, or undefined when there is none or it cannot be read: a damaged or
 * cut-off manifest counts as none, so the next build renders and compares everything. Without a compact
 * manifest, the earlier JSON one is read.
 */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  const bytes = await readFile(path.join(outDir, MANIFEST_FILE)).catch(() => undefined);
  if (bytes) return decodeManifest(bytes);
  const legacy = await readFile(path.join(outDir, LEGACY_MANIFEST_FILE), "utf8").catch(() => undefined);
  return legacy === undefined ? undefined : parseLegacyManifest(legacy);
}

/**
 * Writes `manifest` to `file`, a chunk at a time from one small buffer (a large archive's manifest is tens
 * of megabytes: never held whole in memory).
 */
async function writeTo(file: string, manifest: Manifest, fs: PublishFs): Promise<WrittenManifest> {
  let size = 0;
  let checksum: Buffer = Buffer.alloc(0);
  const chunks = encodeManifestChunks(manifest, (sum) => {
    checksum = sum;
  });
  const counted = function* () {
    for (const chunk of chunks) {
      size += chunk.length;
      yield chunk;
    }
  };
  await fs.writeFile(file, counted());
  return { size, checksum };
}

/** Writes the manifest into a staging folder. */
export async function writeManifest(
  staging: string,
  manifest: Manifest,
  fs: PublishFs = nodeFs,
): Promise<WrittenManifest> {
  return writeTo(path.join(staging, MANIFEST_FILE), manifest, fs);
}

/**
 * Whether the output's manifest is the one `written` describes: the same size, and the same checksum at its
 * end (the checksum covers every other byte, so nothing else is read).
 */
export async function publishedManifestIs(outDir: string, written: WrittenManifest): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path.join(outDir, MANIFEST_FILE), "r");
    const { size } = await handle.stat();
    if (size !== written.size) return false;
    const tail = Buffer.alloc(written.checksum.length);
    await handle.read(tail, 0, tail.length, size - tail.length);
    return tail.equals(written.checksum);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/**
 * Replaces the output's manifest with `manifest` in one rename (a temporary file beside it first), and
 * removes the earlier JSON manifest if one is there.
 */
export async function replaceManifest(
  outDir: string,
  manifest: Manifest,
  fs: PublishFs = nodeFs,
): Promise<void> {
  const temporary = path.join(outDir, `${MANIFEST_FILE}.tmp-${process.pid}`);
  await writeTo(temporary, manifest, fs);
  await fs.rename(temporary, path.join(outDir, MANIFEST_FILE));
  await ignoreMissing(fs.unlink(path.join(outDir, LEGACY_MANIFEST_FILE)));
}

/** The output's manifest file, whichever format it has (the compact one first), or undefined. */
export async function manifestPath(outDir: string): Promise<string | undefined> {
  for (const name of [MANIFEST_FILE, LEGACY_MANIFEST_FILE]) {
    const file = path.join(outDir, name);
    if (
      await stat(file).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

/**
 * Records what the dev server wrote into a folder, so that it counts as Dateline's output: the manifest
 * lists every file written there (kept across rebuilds and restarts) under a fingerprint that matches no
 * build. A later `npm run build` into the same folder renders everything and removes every listed file it
 * does not write again, so a draft shown in preview never stays behind in a published site.
 */
export async function markAsOutput(outDir: string, written: ReadonlyMap<string, string>): Promise<void> {
  const previous = await readManifest(outDir);
  const outputs = new Map(previous?.outputs);
  for (const [file, hash] of written) outputs.set(file, hash);
  await replaceManifest(outDir, { fingerprint: "", pages: new Map(), outputs });
}
