import { createHash } from "node:crypto";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { ReadPeer, SentBatch, ShareRequest } from "../content/shared-reading.ts";
import { TEMPLATES_DIR } from "../core/paths.ts";
import { mark } from "../core/trace.ts";
import { writeDataFiles } from "../render/data-files.ts";
import { Renderer } from "../render/renderer.ts";
import { buildSite } from "../site/site.ts";
import { contentKey, type FromWorker, type ToWorker, type WorkerInput } from "./parallel.ts";
import { workerWrites } from "./share.ts";

/**
 * The render worker: models the same content as the main thread (on the second core, while the main thread
 * does the same), then renders its share of the pages (`workerWrites`) into the staging folder the main
 * thread names. The article files to parse are read once between the two threads (`ReadPeer`): each takes
 * files from one counter and sends the other what it found; when the main thread reads alone (most files
 * from the cache) the worker reads them all too. It reports a key of the content it read, so a file changed
 * between the two reads is noticed and the main thread renders everything itself.
 */
const port = parentPort;
if (!port) throw new Error("render-worker.ts runs only as a worker thread");
const input = workerData as WorkerInput;
const post = (message: FromWorker) => port.postMessage(message);

/** The main thread as the reading's other side: its request and outcomes come as messages (below). */
let requested: (request: Pick<ShareRequest, "jobs" | "counter"> | undefined) => void = () => {};
const request = new Promise<Pick<ShareRequest, "jobs" | "counter"> | undefined>((resolve) => {
  requested = resolve;
});
const early: SentBatch[] = [];
let onMainOutcomes: ((batch: SentBatch) => void) | undefined;
let mainDone: () => void = () => {};
const mainFinished = new Promise<void>((resolve) => {
  mainDone = resolve;
});
const peer: ReadPeer = {
  request: () => request,
  send: (batch) => post({ kind: "outcomes", batch }),
  done: () => post({ kind: "read-done" }),
  follow(onOutcomes) {
    onMainOutcomes = onOutcomes;
    for (const batch of early.splice(0)) onOutcomes(batch);
    return mainFinished;
  },
};

// With the cache, a warm one gives the worker the content at once; it never saves it (the main thread does).
const ready = buildSite({
  contentDir: input.contentDir,
  buildTime: input.buildTime,
  preview: input.preview,
  peer,
  ...(input.cacheDir !== undefined ? { cacheDir: input.cacheDir, readOnlyCache: true } : {}),
});

port.on("message", (message: ToWorker) => {
  switch (message.kind) {
    case "share":
      requested(message.request);
      break;
    case "share-none":
      requested(undefined);
      break;
    case "main-outcomes":
      if (onMainOutcomes) onMainOutcomes(message.batch);
      else early.push(message.batch);
      break;
    case "main-done":
      mainDone();
      break;
    case "stop":
      port.close();
      break;
    case "render":
      void render(message);
      break;
  }
});

async function render(message: Extract<ToWorker, { kind: "render" }>): Promise<void> {
  try {
    const { site } = await ready;
    if (!site) {
      post({ kind: "done", key: "", outputs: [] });
      return;
    }
    const root = path.resolve(message.staging);
    const reuse = new Set(message.reuse);
    const outputs: [string, string][] = [];
    let pending = 0;
    const writing = {
      select: (file: string) => workerWrites(file) && !reuse.has(file),
      onWrite: (file: string, content: string) => {
        const relative = path.relative(root, path.resolve(file)).split(path.sep).join("/");
        outputs.push([relative, createHash("sha1").update(content).digest("hex")]);
        if (++pending === 256) {
          post({ kind: "progress", files: pending });
          pending = 0;
        }
      },
    };
    await new Renderer(TEMPLATES_DIR, () => site).write(message.staging, writing);
    await writeDataFiles(site, message.staging, { ...writing, feedsOnly: true });
    mark("worker's share rendered");
    if (pending > 0) post({ kind: "progress", files: pending });
    post({ kind: "done", key: contentKey(site), outputs });
  } catch (error) {
    post({
      kind: "failed",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}
