import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cp, mkdtemp, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FencedBlock } from "./markdown.ts";
import { ROOT } from "./markdown.ts";

/**
 * The docs' convention for command output: a fenced block tagged `console`. A line starting with `$ ` is a
 * command (a trailing ` \` continues it on the next line); the lines after it, up to the next command, are
 * its output, stdout and stderr together as a terminal shows them. `…` stands for any text within a line,
 * and a line of just `…` for any number of lines (timings, temporary paths, long tails). The info string may
 * say `content=<folder>`: the block then runs with that folder as `content/`.
 *
 * npm's own header lines (`> dateline@0.1.0 build`) are not part of the output: `npm run <script> -- args`
 * runs the script's command from package.json with the args, which is what npm runs.
 */

export const ANY = "…";

export interface Step {
  command: string;
  /** 1-based line of the command in the document. */
  line: number;
  expected: string[];
}

export interface ConsoleExample {
  document: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The folder to use as `content/`, relative to the project (default: `content`). */
  content: string;
  steps: Step[];
}

export function parseConsoleBlock(document: string, block: FencedBlock): ConsoleExample {
  const content = /(?:^|\s)content=(\S+)/.exec(block.info)?.[1] ?? "content";
  const steps: Step[] = [];
  let continuing = false;
  block.lines.forEach((text, i) => {
    const line = block.line + 1 + i;
    const current = steps.at(-1);
    if (continuing && current) {
      current.command += ` ${text.trim().replace(/\s*\\$/, "")}`;
      continuing = text.trimEnd().endsWith("\\");
      return;
    }
    if (text.startsWith("$ ")) {
      steps.push({ command: text.slice(2).replace(/\s*\\$/, ""), line, expected: [] });
      continuing = text.trimEnd().endsWith("\\");
      return;
    }
    if (!current) throw new Error(`${document}:${line}: output before the first "$ " command`);
    current.expected.push(text);
  });
  return { document, line: block.line, content, steps };
}

/** Drops trailing white space of each line and trailing empty lines. */
export function normalizeOutput(lines: readonly string[]): string[] {
  const out = lines.map((l) => l.trimEnd());
  while (out.length > 0 && out.at(-1) === "") out.pop();
  return out;
}

function linePattern(expected: string): RegExp {
  const parts = expected.split(ANY).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`, "s");
}

export type Comparison = { ok: true } | { ok: false; expectedIndex: number; actualIndex: number };

/**
 * Matches output against the expected lines, with `…` placeholders. On a mismatch, reports the furthest
 * expected line that could not be matched and the output line it was compared with.
 */
export function compareOutput(expected: readonly string[], actual: readonly string[]): Comparison {
  let furthest = { expectedIndex: 0, actualIndex: 0 };
  const failed = new Set<string>();
  const match = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    if (failed.has(key)) return false;
    let ok: boolean;
    if (i === expected.length) ok = j === actual.length;
    else if (expected[i] === ANY) {
      ok = false;
      for (let k = j; k <= actual.length && !ok; k++) ok = match(i + 1, k);
    } else
      ok = j < actual.length && linePattern(expected[i] ?? "").test(actual[j] ?? "") && match(i + 1, j + 1);
    if (!ok) {
      failed.add(key);
      if (i > furthest.expectedIndex || (i === furthest.expectedIndex && j > furthest.actualIndex))
        furthest = { expectedIndex: i, actualIndex: j };
    }
    return ok;
  };
  return match(0, 0) ? { ok: true } : { ok: false, ...furthest };
}

/**
 * A bash function standing in for npm: `npm run <script> -- args` runs the script's command from
 * package.json with the args, as npm does, without npm's header lines. Only scripts that run a TypeScript
 * file with tsx are allowed (build, check, new, import, bench); the others (start, test) do not belong in an
 * example of output.
 */
function npmFunction(): string {
  const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as PackageJson).scripts;
  // A command of the compiled CLI (`node bin/dateline.mjs check`) runs from its source with tsx here, so a
  // scratch copy does not compile src/ first; tests/integration/compiled-cli.test.ts runs the compiled one.
  const cases = Object.entries(scripts)
    .map(([name, command]): [string, string] => {
      const compiled = /^node bin\/dateline\.mjs (\w+)$/.exec(command);
      return [name, compiled ? `tsx src/cli/${compiled[1]}.ts` : command];
    })
    .filter(([, command]) => /^tsx [\w./-]+\.ts$/.test(command))
    .map(([name, command]) => `    ${name}) "$DOCS_TSX" ${command.slice(4)} "$@" ;;`);
  return `
npm() {
  if [ "$1" != run ] || [ $# -lt 2 ]; then
    echo "docs examples: only 'npm run <script>' is supported" >&2
    return 127
  fi
  local script="$2"
  shift 2
  if [ "\${1-}" = "--" ]; then shift; fi
  case "$script" in
${cases.join("\n")}
    *) echo "docs examples: npm run $script cannot be run here" >&2; return 127 ;;
  esac
}
`;
}

interface PackageJson {
  scripts: Record<string, string>;
}

/** What a fresh checkout needs to run the commands, copied into a scratch folder. */
const PROJECT_FILES = [
  "src",
  "templates",
  "bench",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tests/fixtures",
];

/**
 * A scratch copy of the project in which an example runs, so that examples may build into `_site/`, write
 * articles and rename files without touching the checkout. `node_modules` is linked, not copied.
 */
export async function scratchProject(
  content: string,
): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "dateline-docs-"));
  for (const item of PROJECT_FILES)
    await cp(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  await cp(path.join(ROOT, "tests/docs/fixtures"), path.join(dir, "tests/docs/fixtures"), {
    recursive: true,
  });
  await cp(path.join(ROOT, content), path.join(dir, "content"), { recursive: true });
  await symlink(await realpath(path.join(ROOT, "node_modules")), path.join(dir, "node_modules"), "dir");
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs one command in `cwd` with bash, stdout and stderr in one stream, in the order they were written. */
export function runStep(command: string, cwd: string): Promise<{ code: number; output: string[] }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCS_TSX: path.join(cwd, "node_modules/.bin/tsx") };
  for (const name of Object.keys(env)) if (name.startsWith("DATELINE_")) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `${npmFunction()}\n{\n${command}\n} 2>&1`], {
      cwd,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ code: code ?? -1, output: Buffer.concat(chunks).toString("utf8").split("\n") }),
    );
  });
}
