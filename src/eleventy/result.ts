import type { Diagnostic } from "../core/types.ts";
import type { InputStamp } from "../publish/stamp.ts";

/** What a build reports. */
export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  articles: number;
  files: number;
  /** Pages in the search index. */
  searchable: number;
  /** Files whose bytes did not change since the previous build (left untouched: they keep their time). */
  unchanged: number;
  /** Pages taken from the previous build because nothing they show changed. */
  reused: number;
  /** Files the render worker wrote, on the second core (0 when the build rendered alone). */
  workerFiles: number;
  /** Article files the render worker read and checked (it was sent the others' results); absent: none. */
  workerArticles?: number;
  /**
   * Seconds until the new pages were live: the search shards this build indexes again are published after
   * them (`seconds` includes them). In a failed build, when the pages were published and the index was not.
   */
  publishedSeconds: number;
  seconds: number;
  /** Photos processed in this build, and photos whose files came from the cache. */
  photos: { processed: number; cached: number };
  /**
   * The publishing mode modelled an edit of articles' own words on the site it last published, reading only
   * the edited files (see site/patch.ts).
   */
  patched?: boolean;
  /** Nothing changed since the build that published the output: no content was read (see stamp.ts). */
  upToDate?: boolean;
}

/** The result of a build that found nothing changed since the output's build (`checkUpToDate`). */
export function upToDateResult(stamp: InputStamp, seconds: number): BuildResult {
  return {
    ok: true,
    diagnostics: stamp.diagnostics,
    articles: stamp.articles,
    files: stamp.files,
    searchable: stamp.searchable,
    unchanged: stamp.files,
    reused: stamp.files,
    workerFiles: 0,
    publishedSeconds: seconds,
    seconds,
    photos: { processed: 0, cached: 0 },
    upToDate: true,
  };
}
