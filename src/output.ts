import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";

/** A fresh staging folder beside `outDir`, so the final move is a rename on the same file system. */
export async function createStaging(outDir: string): Promise<string> {
  const staging = path.join(
    path.dirname(path.resolve(outDir)),
    `${path.basename(outDir)}.staging-${process.pid}`,
  );
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return staging;
}

/**
 * Moves a finished staging folder into place. The previous output is renamed aside first and removed only
 * after the new one is in place, so at no moment is there a half-written site at `outDir`.
 */
export async function publishStaging(staging: string, outDir: string): Promise<void> {
  const target = path.resolve(outDir);
  const old = `${target}.old-${process.pid}`;
  let hadPrevious = true;
  try {
    await rename(target, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    hadPrevious = false;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadPrevious) await rename(old, target);
    throw error;
  }
  if (hadPrevious) await rm(old, { recursive: true, force: true });
}

export async function discardStaging(staging: string): Promise<void> {
  await rm(staging, { recursive: true, force: true });
}
