import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { ROOT } from "./build-fixture.ts";

/** A free TCP port on this machine (the OS picks one, which is then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface DevServer {
  /** `http://127.0.0.1:PORT` without a trailing slash (the server listens on the loopback address only). */
  origin: string;
  port: number;
  /** Everything the server printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Waits until the output (after `since` characters) contains `text`. */
  waitForOutput(text: string, timeoutMs: number, since?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `npm start` (Eleventy's dev server with .eleventy.ts) on a free port, serving `contentDir` into
 * `outDir`, and resolves once it serves. `stop()` ends the server and everything it started.
 */
export async function startDevServer(
  contentDir: string,
  outDir: string,
  timeoutMs = 90_000,
  projectRoot = ROOT,
  env: NodeJS.ProcessEnv = {},
): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      "node_modules/@11ty/eleventy/cmd.cjs",
      "--config=.eleventy.ts",
      "--serve",
      `--port=${port}`,
      `--output=${outDir}`,
    ],
    {
      cwd: projectRoot,
      env: { ...process.env, DATELINE_CONTENT: contentDir, ...env },
      detached: true,
      stdio: "pipe",
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });

  const waitForOutput = async (text: string, timeout: number, since = 0) => {
    const deadline = Date.now() + timeout;
    while (!output.slice(since).includes(text)) {
      if (exited) throw new Error(`the dev server exited before printing "${text}":\n${output}`);
      if (Date.now() > deadline)
        throw new Error(`the dev server did not print "${text}" in time:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, "SIGTERM"); // the server's process group: tsx and the node it started
    } catch {
      return;
    }
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };

  const server: DevServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    waitForOutput,
    stop,
  };
  try {
    await waitForOutput("Server at", timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return server;
}

/** Fetches `url` until its body satisfies `test`, or throws after `timeoutMs`. Returns the body. */
export async function pollPage(
  url: string,
  test: (body: string, status: number) => boolean,
  timeoutMs: number,
  context: () => string = () => "",
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    try {
      const response = await fetch(url);
      last = await response.text();
      if (test(last, response.status)) return last;
    } catch {
      // not serving yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not change as expected in ${timeoutMs} ms\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
