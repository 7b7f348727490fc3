import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { type Measured, measure } from "./measure.ts";

/** The Hugo anchor's script in the shared folder beside this repository. */
export function defaultHugoScript(repoRoot: string): string {
  return path.resolve(repoRoot, "../shared/anchors/hugo/run-hugo.sh");
}

/** Hugo's version line, or undefined when `hugo` is not on the PATH. */
export function hugoVersion(): string | undefined {
  try {
    return execFileSync("hugo", ["version"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

export function hugoScriptExists(script: string): boolean {
  return existsSync(script);
}

/** Builds the anchor site over `articlesDir` into `outDir`, measured like Dateline's build. */
export function runHugo(
  script: string,
  articlesDir: string,
  outDir: string,
  logPrefix: string,
): Promise<Measured> {
  return measure("bash", [script, articlesDir, outDir], {
    stdoutFile: `${logPrefix}.stdout`,
    stderrFile: `${logPrefix}.stderr`,
  });
}
