import cliProgress from "cli-progress";
import type { Site } from "../core/types.ts";

/** What the build reports as it goes; every method is optional work for a display. */
export interface BuildProgress {
  /** `done` of `total` article files read and checked. */
  loaded(done: number, total: number): void;
  /** Rendering starts: about `total` files will be written. */
  rendering(total: number): void;
  /** One more file written. */
  wrote(): void;
  /** A phase without a count, such as the search index. */
  phase(name: string): void;
  stop(): void;
}

export const silentProgress: BuildProgress = {
  loaded: () => {},
  rendering: () => {},
  wrote: () => {},
  phase: () => {},
  stop: () => {},
};

/**
 * About how many files a build will write: one per page, three per feed (Atom, JSON Feed, RSS), one per
 * redirect, the rest fixed, less the pages an
 * incremental build takes unchanged from the previous one.
 */
export function expectedFiles(site: Site, reused = 0): number {
  const fixed = 8; // search, 404, robots.txt, stylesheet, icon, sitemap, news sitemap, _redirects
  return (
    site.homePages.length +
    site.articles.length +
    site.entityPages.length +
    site.archivePages.length +
    site.directories.length +
    site.sectionPages.length +
    site.authorPages.length +
    site.authorDirectories.length +
    site.correctionPages.length +
    site.feeds.length * 3 +
    site.redirects.length +
    fixed -
    reused
  );
}

/** A progress bar on a terminal (stderr), with counts and the estimated time left; nothing elsewhere. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): BuildProgress {
  if (!stream.isTTY) return silentProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{phase} |{bar}| {value}/{total} · {eta_formatted} left",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const start = (total: number, phase: string) => {
    if (started) bar.stop();
    bar.start(total, 0, { phase });
    started = true;
  };
  return {
    loaded(done, total) {
      if (!started) start(total, "Articles loaded");
      bar.update(done);
    },
    rendering(total) {
      start(total, "Pages written  ");
    },
    wrote() {
      bar.increment();
    },
    phase(name) {
      if (started) bar.stop();
      started = false;
      stream.write(`${name}…\n`);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
