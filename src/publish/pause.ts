import { writeFile } from "node:fs/promises";

/**
 * The named points where a test may stop a build to kill it there (tests/helpers/paused-build.ts): in the
 * pages' publish, between the phases (the pages live, the search index not yet indexed), and in the search
 * index's publish.
 */
export type PausePoint = PublishPause | `search-${PublishPause}` | "pages-published";

/** The points inside one publish: the pages' (first) publish has these names, the search index's `search-…`. */
export type PublishPause = "staged" | "journaled" | "publishing";

/**
 * For tests only: when `DATELINE_PAUSE_AT` names this point, writes the point's name to the file named by
 * `DATELINE_PAUSE_MARKER` and waits for ever, so a test can kill the build at exactly this point and know
 * that it got there. Does nothing otherwise.
 */
export async function pauseAt(point: PausePoint): Promise<void> {
  if (process.env.DATELINE_PAUSE_AT !== point) return;
  const marker = process.env.DATELINE_PAUSE_MARKER;
  if (marker) await writeFile(marker, `${point} ${process.pid}\n`);
  for (;;) await new Promise((resolve) => setTimeout(resolve, 60_000));
}
