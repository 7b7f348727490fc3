import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import type { Diagnostic } from "../core/types.ts";

/** What the build was doing when a file operation failed, for the message. */
export type Phase = "locking" | "recovering" | "staging" | "rendering" | "search" | "publishing";

const DOING: Record<Phase, string> = {
  locking: "while locking the output folder",
  recovering: "while finishing a publish that was interrupted",
  staging: "while preparing the new site beside the output",
  rendering: "while rendering the site",
  search: "while building the search index",
  publishing: "while publishing",
};

/** Error code → [rule id, what went wrong in words, what to do]. */
const REASONS: Record<string, [string, string, string]> = {
  ENOSPC: [
    "publish/disk-full",
    "no space is left on the device",
    "free space on that disk, then build again",
  ],
  EDQUOT: ["publish/disk-full", "the disk quota is used up", "free space on that disk, then build again"],
  EROFS: [
    "publish/read-only",
    "the file system there is mounted read-only",
    "remount it read-write or choose another --out",
  ],
  EACCES: [
    "publish/permission-denied",
    "permission denied",
    "build as a user who may write there, or choose another --out",
  ],
  EPERM: [
    "publish/permission-denied",
    "the operation is not permitted",
    "build as a user who may write there, or choose another --out",
  ],
  ENAMETOOLONG: [
    "publish/name-too-long",
    "the path is longer than the file system allows",
    "choose a shorter --out path",
  ],
  ENOTDIR: [
    "publish/not-a-folder",
    "a part of the path is a file, not a folder",
    "--out must lie in a folder, not under a file",
  ],
  EXDEV: [
    "publish/cross-device",
    "the output and the staging folder beside it are on different file systems",
    "make --out a folder inside a mounted volume, not the mount point itself",
  ],
  EMFILE: ["publish/io-error", "too many files are open", "raise the open-file limit (ulimit -n)"],
  ENFILE: ["publish/io-error", "too many files are open", "raise the open-file limit (ulimit -n)"],
  EIO: ["publish/io-error", "the disk reported an input/output error", "check the disk"],
};

const ACTION: Record<string, string> = {
  mkdir: "could not create the folder",
  open: "could not write",
  write: "could not write",
  rename: "could not move into place",
  unlink: "could not remove",
  rmdir: "could not remove the folder",
  link: "could not link",
  copyfile: "could not copy",
  access: "cannot write to",
  utime: "could not update",
};

/** The system-call error inside `error` (Eleventy and others wrap them), if there is one. */
export function systemError(error: unknown, depth = 0): NodeJS.ErrnoException | undefined {
  if (!error || typeof error !== "object" || depth > 6) return undefined;
  const e = error as NodeJS.ErrnoException & { originalError?: unknown; errors?: unknown[] };
  if (typeof e.code === "string" && /^E[A-Z]+$/.test(e.code)) return e;
  for (const inner of [e.cause, e.originalError, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = systemError(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** How to show a path: files in the staging folder by where they will be published. */
export interface PathNames {
  staging?: string;
  /** The output folder, resolved. */
  outDir: string;
  /** The output folder as the user wrote it. */
  shownOut: string;
}

export function showPath(file: string, names: PathNames): string {
  const absolute = path.resolve(file);
  for (const root of [names.staging, names.outDir]) {
    if (!root) continue;
    const relative = path.relative(root, absolute);
    if (relative === "" && root === names.outDir) return names.shownOut;
    if (relative && !relative.startsWith("..") && !path.isAbsolute(relative))
      return path.join(names.shownOut, relative);
  }
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : absolute;
}

/**
 * Turns any error from staging or publishing into one diagnostic: a failed system call names the path and
 * says in words what went wrong; anything else keeps its message. Never a stack trace.
 */
export function failureDiagnostic(error: unknown, phase: Phase, names: PathNames): Diagnostic {
  const sys = systemError(error);
  if (sys?.code) {
    const code = sys.code === "EEXIST" && sys.syscall === "mkdir" ? "ENOTDIR" : sys.code;
    const [rule, reason, hint] = REASONS[code] ?? [
      "publish/io-error",
      sys.message.replace(/^[A-Z]+: /, "").split(",")[0] ?? "the operation failed",
      "check the disk and the output location",
    ];
    // A failed write() names no file: then the output it was for.
    const target = sys.path ? showPath(sys.path, names) : names.shownOut;
    const action = `${ACTION[sys.syscall ?? ""] ?? "could not use"}${sys.path ? "" : " the new files of"}`;
    return diagnostic(
      "error",
      rule,
      target,
      1,
      `${action} ${target} ${DOING[phase]}: ${reason} (${sys.code})`,
      {
        hint,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  if (phase === "search")
    return diagnostic(
      "error",
      "publish/search-index-failed",
      names.shownOut,
      1,
      `${DOING[phase]}: ${message}`,
      {
        hint: "build with --no-search to publish without a search index",
      },
    );
  return diagnostic("error", "publish/failed", names.shownOut, 1, `${DOING[phase]}: ${message}`);
}
