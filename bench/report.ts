import type { CorpusSummary } from "./generate.ts";
import { median, type WatchEdit } from "./watch.ts";

export interface BuildMeasurement {
  files: number;
  html: number;
  seconds: number;
  peakRssMiB: number;
}

export interface BenchResult {
  articles: number;
  seed: number;
  corpus: CorpusSummary & { generatedSeconds: number; reused: boolean };
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    /** The 1-minute load average just before the Dateline build: other work on a shared machine skews times. */
    loadAverage: number;
  };
  dateline: BuildMeasurement & { msPerArticle: number; reportedSeconds?: number };
  hugo?: (BuildMeasurement & { version: string }) | { skipped: string };
  /** Dateline's wall seconds divided by Hugo's. */
  ratio?: number;
  /** One edited article rebuilt into the built archive (`--publish-one`). */
  publishOne?: {
    seconds: number;
    peakRssMiB: number;
    liveSeconds?: number;
    rendered?: number;
    unchanged?: number;
  };
  /** One new article added to the built archive (`--publish-new`), timed as `publishOne`. */
  publishNew?: BenchResult["publishOne"];
  /** The same build again with nothing changed (`--nothing-changed`); `upToDate` when it said so. */
  nothingChanged?: { seconds: number; peakRssMiB: number; reportedSeconds?: number; upToDate: boolean };
  /** Saves of one article timed in the publishing mode (`--watch-edits N`), in order. */
  watchEdits?: WatchEdit[];
  /** The folder holding corpus, sites and logs, when kept. */
  kept?: string;
}

const int = (n: number) => n.toLocaleString("en-US");
const fixed = (n: number, digits: number) => n.toFixed(digits);

export function formatText(result: BenchResult): string {
  const { corpus, dateline, hugo, machine } = result;
  const lines = [
    `Corpus: ${int(result.articles)} articles (seed ${result.seed}), ${fixed(corpus.bytes / 1024 / 1024, 1)} MiB, ` +
      `${int(corpus.people)} people (most frequent in ${int(corpus.topPersonArticles)} articles), ` +
      `${int(corpus.organizations)} organizations; ` +
      (corpus.reused ? "reused" : `generated in ${fixed(corpus.generatedSeconds, 1)} s`),
    `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${fixed(machine.memoryGiB, 0)} GiB, Node ${machine.node}, load ${fixed(machine.loadAverage, 2)} before the build`,
    "",
    `articles          ${int(result.articles)}`,
    `pages written     ${int(dateline.files)} files (${int(dateline.html)} HTML)`,
    `wall seconds      ${fixed(dateline.seconds, 2)}` +
      (dateline.reportedSeconds === undefined
        ? ""
        : ` (Dateline reports ${fixed(dateline.reportedSeconds, 2)} s)`),
    `peak RSS          ${fixed(dateline.peakRssMiB, 0)} MiB`,
    `ms per article    ${fixed(dateline.msPerArticle, 2)}`,
  ];
  const same = result.nothingChanged;
  if (same)
    lines.push(
      "",
      `nothing changed   ${fixed(same.seconds, 2)} s wall, peak RSS ${fixed(same.peakRssMiB, 0)} MiB` +
        (same.upToDate ? " (stopped at once: nothing changed)" : " (built incrementally)"),
    );
  for (const [label, one] of [
    ["publish one     ", result.publishOne],
    ["publish new     ", result.publishNew],
  ] as const) {
    if (!one) continue;
    lines.push(
      "",
      `${label}  ${fixed(one.seconds, 2)} s wall` +
        (one.liveSeconds === undefined
          ? ""
          : `, pages live after ${fixed(one.liveSeconds, 2)} s (after start-up)`) +
        (one.rendered === undefined
          ? ""
          : `; ${int(one.rendered)} files rendered, ${int(one.unchanged ?? 0)} reused`),
    );
  }
  const saves = result.watchEdits;
  if (saves && saves.length > 0) {
    const live = saves.flatMap((s) => (s.liveSeconds === undefined ? [] : [s.liveSeconds]));
    lines.push(
      "",
      `--watch, a save   median ${fixed(median(saves.map((s) => s.seconds)), 2)} s to the Built line` +
        (live.length > 0 ? `, pages live after ${fixed(median(live), 2)} s` : "") +
        ` (${saves.map((s) => `${fixed(s.seconds, 2)} s${s.patched ? "" : " whole"} at load ${fixed(s.load, 2)}`).join("; ")})`,
    );
  }
  if (hugo && "skipped" in hugo) lines.push("", `Hugo: skipped (${hugo.skipped})`);
  else if (hugo) {
    lines.push(
      "",
      `Hugo seconds      ${fixed(hugo.seconds, 2)} (${int(hugo.files)} files, ${int(hugo.html)} HTML, peak RSS ${fixed(hugo.peakRssMiB, 0)} MiB)`,
      `Dateline/Hugo     ${result.ratio === undefined ? "n/a" : `${fixed(result.ratio, 2)}×`}`,
    );
  }
  if (result.kept) lines.push("", `Kept in ${result.kept}`);
  return lines.join("\n");
}
