import { createHash } from "node:crypto";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { TEMPLATES_DIR } from "../core/paths.ts";
import { Renderer } from "../render/renderer.ts";
import { buildSite } from "../site/site.ts";
import { contentKey, type FromWorker, type ToWorker, type WorkerInput } from "./parallel.ts";
import { workerWrites } from "./share.ts";

/**
 * The render worker: reads and models the same content as the main thread (on the second core, while the
 * main thread does the same), then renders its share of the pages (`workerWrites`) into the staging folder
 * the main thread names. It reports a key of the content it read, so a file changed between the two reads
 * is noticed and the main thread renders everything itself.
 */
const port = parentPort;
if (!port) throw new Error("render-worker.ts runs only as a worker thread");
const input = workerData as WorkerInput;
const post = (message: FromWorker) => port.postMessage(message);

// With the cache, a warm one gives the worker the content at once; it never saves it (the main thread does).
const ready = buildSite({
  contentDir: input.contentDir,
  buildTime: input.buildTime,
  preview: input.preview,
  ...(input.cacheDir !== undefined ? { cacheDir: input.cacheDir, readOnlyCache: true } : {}),
});

port.once("message", async (message: ToWorker) => {
  try {
    if (message.kind === "stop") {
      port.close();
      return;
    }
    const { site } = await ready;
    if (!site) {
      post({ kind: "done", key: "", outputs: [] });
      return;
    }
    const root = path.resolve(message.staging);
    const reuse = new Set(message.reuse);
    const outputs: [string, string][] = [];
    let pending = 0;
    await new Renderer(TEMPLATES_DIR, () => site).write(message.staging, {
      select: (file) => workerWrites(file) && !reuse.has(file),
      onWrite: (file, content) => {
        const relative = path.relative(root, path.resolve(file)).split(path.sep).join("/");
        outputs.push([relative, createHash("sha1").update(content).digest("hex")]);
        if (++pending === 256) {
          post({ kind: "progress", files: pending });
          pending = 0;
        }
      },
    });
    if (pending > 0) post({ kind: "progress", files: pending });
    post({ kind: "done", key: contentKey(site), outputs });
  } catch (error) {
    post({
      kind: "failed",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
