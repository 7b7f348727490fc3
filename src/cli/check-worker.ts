import { parentPort } from "node:worker_threads";
import { articleChecker } from "../content/article-check.ts";
import { helpRead, type ShareRequest } from "../content/shared-reading.ts";
import { articleWarnings } from "../lint/reading.ts";
import type { FromCheckWorker } from "./check-helper.ts";

/**
 * `npm run check`'s worker thread: given the article files to read and the shared counter, it takes files
 * as the main thread does and reads, parses and checks each exactly as the main thread would (validation,
 * body images, the per-file warnings of src/lint/reading.ts), sending the outcomes back a few dozen at a time.
 */
const port = parentPort;
if (!port) throw new Error("check-worker.ts runs only as a worker thread");
const post = (message: FromCheckWorker) => port.postMessage(message);

port.once("message", (request: ShareRequest) => {
  try {
    const check = articleChecker(request.settings, articleWarnings(request.settings));
    helpRead(request, check, (batch) => post({ kind: "outcomes", batch }));
    post({ kind: "done" });
  } catch (error) {
    post({
      kind: "failed",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
