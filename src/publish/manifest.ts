import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ignoreMissing, nodeFs, type PublishFs } from "./fs.ts";
import { decodeManifest, encodeManifest, type Manifest, parseLegacyManifest } from "./manifest-format.ts";

export type { Manifest, SearchManifest } from "./manifest-format.ts";

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

/** Writes the manifest into a staging folder; returns its bytes. */
export async function writeManifest(
  staging: string,
  manifest: Manifest,
  fs: PublishFs = nodeFs,
): Promise<Buffer> {
  const bytes = encodeManifest(manifest);
  await fs.writeFile(path.join(staging, MANIFEST_FILE), bytes);
  return bytes;
}

/** Whether the output's manifest holds exactly `bytes` (compared only when the sizes agree). */
export async function publishedManifestIs(outDir: string, bytes: Buffer): Promise<boolean> {
  const file = path.join(outDir, MANIFEST_FILE);
  const size = await stat(file).then(
    (s) => s.size,
    () => -1,
  );
  if (size !== bytes.length) return false;
  const published = await readFile(file).catch(() => undefined);
  return published?.equals(bytes) ?? false;
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
  await fs.writeFile(temporary, encodeManifest(manifest));
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
