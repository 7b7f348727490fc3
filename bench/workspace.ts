import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type CorpusSummary, writeCorpus } from "./generate.ts";
import { writeBenchPhotos } from "./photos.ts";

/** Where one benchmark run keeps its corpus, built sites and logs. */
export interface Workspace {
  root: string;
  corpus: string;
  datelineOut: string;
  hugoOut: string;
  logs: string;
  /** Removes everything unless the user asked to keep it. */
  dispose: () => Promise<void>;
}

export async function openWorkspace(keep: string | undefined): Promise<Workspace> {
  const root = keep ? path.resolve(keep) : await mkdtemp(path.join(tmpdir(), "dateline-bench-"));
  await mkdir(root, { recursive: true });
  const logs = path.join(root, "logs");
  await mkdir(logs, { recursive: true });
  const datelineOut = path.join(root, "dateline-site");
  const hugoOut = path.join(root, "hugo-site");
  // Built sites from an earlier kept run would be counted or moved aside, and a content cache from it would
  // make the full build a warm one: start them afresh.
  await Promise.all([
    rm(datelineOut, { recursive: true, force: true }),
    rm(hugoOut, { recursive: true, force: true }),
    rm(path.join(root, "content-cache"), { recursive: true, force: true }),
  ]);
  return {
    root,
    corpus: path.join(root, "corpus"),
    datelineOut,
    hugoOut,
    logs,
    dispose: async () => {
      if (!keep) await rm(root, { recursive: true, force: true });
    },
  };
}

interface Stamp {
  articles: number;
  seed: number;
  summary: CorpusSummary;
}

/**
 * Generates the corpus into `dir`, or reuses one that a kept earlier run generated there with the same
 * article count and seed (its stamp file says so). Returns its summary and whether it was reused.
 */
export async function ensureCorpus(
  dir: string,
  articles: number,
  seed: number,
): Promise<{ summary: CorpusSummary; reused: boolean; seconds: number }> {
  const stampFile = path.join(dir, ".bench-corpus.json");
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(await readFile(stampFile, "utf8")) as Stamp;
    if (stamp.articles === articles && stamp.seed === seed)
      return { summary: stamp.summary, reused: true, seconds: 0 };
  }
  await rm(dir, { recursive: true, force: true });
  const started = performance.now();
  const summary = writeCorpus(dir, { articles, seed });
  await writeBenchPhotos(dir);
  const seconds = (performance.now() - started) / 1000;
  const stamp: Stamp = { articles, seed, summary };
  await writeFile(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  return { summary, reused: false, seconds };
}
