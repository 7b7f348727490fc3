import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PausePoint } from "../../src/publish/pause.ts";
import { ROOT } from "./build-fixture.ts";

export interface PausedBuild {
  pid: number;
  /** Kills the build with SIGKILL and waits until it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `npm run build` with `args` as one process (node --import tsx, so a kill stops the build itself)
 * and resolves once the build has written its marker at `point` (src/publish/pause.ts), where it waits.
 * Rejects if the build ends before reaching that point, so a test can never kill it somewhere else.
 */
export async function pausedBuild(args: string[], point: PausePoint): Promise<PausedBuild> {
  const marker = path.join(await mkdtemp(path.join(tmpdir(), "dateline-pause-")), "marker");
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/cli/build.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATELINE_PAUSE_AT: point, DATELINE_PAUSE_MARKER: marker },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => {
      ended = true;
      resolve();
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = await readFile(marker, "utf8").catch(() => "");
    if (text) {
      if (text.trim() !== `${point} ${child.pid}`)
        throw new Error(`paused at "${text.trim()}", not at ${point}`);
      break;
    }
    if (ended) throw new Error(`the build ended before reaching "${point}": ${stderr}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the build did not reach "${point}" within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    pid: child.pid ?? 0,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
