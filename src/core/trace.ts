/**
 * Stage timings for finding where a build spends its time: with `DATELINE_TRACE=1`, each `mark` prints the
 * seconds since the previous mark of its thread, the time of day (to line up the threads' marks) and the
 * heap in use, to standard error. Silent otherwise.
 */
import { writeHeapSnapshot } from "node:v8";

const enabled = Boolean(process.env.DATELINE_TRACE);
/** With `DATELINE_HEAP_SNAPSHOT=<stage>`, a heap snapshot is written when that stage is marked. */
const snapshotAt = process.env.DATELINE_HEAP_SNAPSHOT;
let last = performance.now();

export function mark(stage: string): void {
  if (snapshotAt === stage) process.stderr.write(`trace heap snapshot: ${writeHeapSnapshot()}\n`);
  if (!enabled) return;
  const now = performance.now();
  const heap = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  const at = new Date().toISOString().slice(11, 23);
  process.stderr.write(
    `trace ${((now - last) / 1000).toFixed(3).padStart(8)} s  ${stage}  (at ${at}, heap ${heap} MiB)\n`,
  );
  last = now;
}
