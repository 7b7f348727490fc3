import * as fsp from "node:fs/promises";

/**
 * The file operations that staging and publishing perform, in one object, so a test can make any of them
 * fail the way a full disk or a read-only mount would (ENOSPC, EROFS, EACCES) without needing one. The
 * build uses Node's own functions unless told otherwise (`BuildOptions.seams.fs`).
 */
export interface PublishFs {
  mkdir(dir: string, options?: { recursive?: boolean }): Promise<string | undefined>;
  rename(from: string, to: string): Promise<void>;
  writeFile(
    file: string,
    data: string | Uint8Array | Iterable<Uint8Array>,
    options?: { flag?: string },
  ): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  rmdir(dir: string): Promise<void>;
  rm(target: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  access(target: string, mode?: number): Promise<void>;
  utimes(target: string, atime: Date, mtime: Date): Promise<void>;
}

export const nodeFs: PublishFs = {
  mkdir: (dir, options) => fsp.mkdir(dir, options),
  rename: (from, to) => fsp.rename(from, to),
  writeFile: (file, data, options) => fsp.writeFile(file, data, options),
  link: (existing, newPath) => fsp.link(existing, newPath),
  copyFile: (from, to) => fsp.copyFile(from, to),
  unlink: (file) => fsp.unlink(file),
  rmdir: (dir) => fsp.rmdir(dir),
  rm: (target, options) => fsp.rm(target, options),
  access: (target, mode) => fsp.access(target, mode),
  utimes: (target, atime, mtime) => fsp.utimes(target, atime, mtime),
};

/** Node's operations with some of them replaced. */
export function publishFs(overrides: Partial<PublishFs> = {}): PublishFs {
  return { ...nodeFs, ...overrides };
}

/** The error code of a failed system call (`ENOSPC`), or undefined. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Runs `op`, treating "it is not there" as done: for removals that may already have happened. */
export async function ignoreMissing(op: Promise<unknown>): Promise<void> {
  try {
    await op;
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}
