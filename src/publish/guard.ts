import { readdir, realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { diagnostic } from "../core/diagnostics.ts";
import { PROJECT_ROOT, TEMPLATES_DIR } from "../core/paths.ts";
import type { Diagnostic } from "../core/types.ts";
import { isManifestName, MANIFEST_FILE } from "./manifest.ts";

/**
 * A path with symbolic links resolved as far as it exists: the nearest existing ancestor is resolved and
 * the rest appended, so `--out link-to-content/x` is seen for what it is.
 */
export async function resolveReal(target: string): Promise<string> {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/** `inner` is `outer` or lies inside it. */
function within(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

export interface OutputGuardOptions {
  outDir: string;
  contentDir: string;
  /** Folders the output may not be or contain (default: Dateline's folder, the working folder, home). */
  protectedDirs?: string[];
}

/**
 * Decides whether `outDir` may be written by a build, before anything is touched. Publishing writes into
 * the folder and removes what its previous build made there, so it may not be, or contain, the content,
 * the templates, Dateline's folder, the working folder, the home folder or the file system's root; it may
 * not lie inside the content or the templates; and a folder that exists must be one Dateline made (it
 * holds Dateline's manifest) or be empty.
 */
export async function checkOutputDir(options: OutputGuardOptions): Promise<Diagnostic[]> {
  const out = await resolveReal(options.outDir);
  const content = await resolveReal(options.contentDir);
  const templates = await resolveReal(TEMPLATES_DIR);
  const refuse = (message: string, hint: string) => [
    diagnostic("error", "build/unsafe-output", "(options)", 1, `--out ${options.outDir}: ${message}`, {
      field: "out",
      hint,
    }),
  ];
  const hint = "choose a folder of its own for the site, such as _site";
  const guarded: [string, string][] = [
    [content, "the content folder"],
    [templates, "the templates"],
    ...(options.protectedDirs ?? [PROJECT_ROOT, process.cwd(), homedir()]).map((dir): [string, string] => [
      path.resolve(dir),
      `the folder ${dir}`,
    ]),
  ];
  if (path.dirname(out) === out) return refuse("the site would replace the file system's root", hint);
  for (const [dir, name] of guarded) {
    const real = await resolveReal(dir);
    if (within(real, out))
      return refuse(`the site would replace ${name}, which it ${real === out ? "is" : "contains"}`, hint);
  }
  for (const [dir, name] of [
    [content, "the content folder"],
    [templates, "the templates"],
  ] as const) {
    if (within(out, dir)) return refuse(`the output may not lie inside ${name} (${dir})`, hint);
  }
  const existing = await stat(out).catch(() => undefined);
  if (existing && !existing.isDirectory())
    return refuse("it exists and is not a folder; expected a folder Dateline may replace", hint);
  if (existing) {
    const entries = await readdir(out);
    if (entries.length > 0 && !entries.some(isManifestName))
      return refuse(
        `the folder exists and was not made by Dateline (it has no ${MANIFEST_FILE}); a build writes into its output folder and removes pages it no longer makes`,
        "empty or remove the folder yourself if it is really meant for the site, or choose another",
      );
  }
  return [];
}
