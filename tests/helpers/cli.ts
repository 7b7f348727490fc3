import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./build-fixture.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one of Dateline's commands (`src/cli/<name>.ts`) as a user would, from the project folder. */
export async function runCommand(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(TSX, [`src/cli/${name}.ts`, ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
