import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { htmlPages } from "./links.ts";

/** The Nu HTML Checker's jar, as the `vnu-jar` package gives it (a String object holding the path). */
export const VNU_JAR: string = String(createRequire(import.meta.url)("vnu-jar") as unknown);

export interface VnuMessage {
  /** Path relative to the checked folder, e.g. `people/index.html`. */
  file: string;
  /** `error` (including checker failures) or `warning`; plain `info` messages are dropped. */
  type: "error" | "warning";
  line: number | undefined;
  message: string;
  extract: string | undefined;
}

export interface VnuReport {
  /** Every HTML file checked, relative to the folder. */
  files: string[];
  errors: VnuMessage[];
  warnings: VnuMessage[];
}

interface RawMessage {
  type?: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message?: string;
  extract?: string;
}

/**
 * Runs the Nu HTML Checker once (one JVM) over every `.html` file under `dir`, warnings included, and returns
 * its errors and warnings per file.
 */
export async function checkHtml(java: string, dir: string): Promise<VnuReport> {
  const files = (await htmlPages(dir)).map((p) => p.file);
  if (files.length === 0) throw new Error(`no HTML files under ${dir}`);
  // vnu exits 1 when it finds errors, so read the JSON whatever the exit status.
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      java,
      ["-jar", VNU_JAR, "--format", "json", "--stdout", ...files],
      { cwd: dir, maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, out, err) => {
        if (out.trim().startsWith("{")) resolve(out);
        else reject(new Error(`vnu failed: ${error?.message ?? ""}\n${err}`));
      },
    );
  });
  const { messages } = JSON.parse(stdout) as { messages: RawMessage[] };
  const report: VnuReport = { files, errors: [], warnings: [] };
  for (const raw of messages) {
    const isError = raw.type === "error" || raw.type === "non-document-error";
    const isWarning = raw.type === "info" && raw.subType === "warning";
    if (!isError && !isWarning) continue;
    const message: VnuMessage = {
      file: raw.url ? path.relative(dir, fileURLToPath(raw.url)).split(path.sep).join("/") : "(checker)",
      type: isError ? "error" : "warning",
      line: raw.lastLine,
      message: raw.message ?? "",
      extract: raw.extract,
    };
    (isError ? report.errors : report.warnings).push(message);
  }
  return report;
}

/** One line per message, for failure messages. */
export function formatVnu(messages: VnuMessage[]): string {
  return messages
    .map((m) => `${m.file}${m.line === undefined ? "" : `:${m.line}`} ${m.type}: ${m.message}`)
    .join("\n");
}
