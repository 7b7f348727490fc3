import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { describe } from "vitest";

/** An external program the client tests need, found (or not) on this machine. */
export interface Tool {
  name: string;
  /** What to run: an absolute path or a command on PATH. */
  command: string;
  available: boolean;
  /** One line telling a developer how to get it. */
  install: string;
}

/** True on CI (`CI=true`), where a missing tool fails the tests instead of skipping them. */
export const ON_CI = process.env.CI === "true";

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian's Chromium at /usr/bin/chromium (CHROMIUM_PATH overrides it). Never downloads a browser. */
export function findChromium(): Tool {
  const command = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  return {
    name: "Chromium",
    command,
    available: isExecutable(command),
    install: "install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)",
  };
}

/** A Java runtime for the Nu HTML Checker: $JAVA_HOME/bin/java, else `java` on PATH. */
export function findJava(): Tool {
  const command = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
  const probe = spawnSync(command, ["-version"], { stdio: "ignore", timeout: 30_000 });
  return {
    name: "Java",
    command,
    available: probe.status === 0,
    install: "install a JDK, e.g. `apt-get install -y default-jre-headless`",
  };
}

/** Throws the one-line install hint when the tool is missing (the CI path: a missing tool fails). */
export function requireTool(tool: Tool): string {
  if (!tool.available) throw new Error(`${tool.name} not found (${tool.command}): ${tool.install}`);
  return tool.command;
}

/**
 * `describe` for tests that need the given tools. Off CI, when one is missing, the block is skipped with a
 * one-line message; on CI it always runs, and `requireTool` in its `beforeAll` fails it.
 */
export function describeWith(tools: Tool[], name: string, body: () => void): void {
  const missing = ON_CI ? [] : tools.filter((t) => !t.available);
  for (const tool of missing) {
    console.warn(`Skipping "${name}": ${tool.name} not found (${tool.command}); ${tool.install}.`);
  }
  describe.skipIf(missing.length > 0)(name, body);
}
