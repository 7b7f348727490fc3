/**
 * Times the phases of one build in-process, with simple timers: start-up (tsx and module loading), the data
 * layer (`buildSite`), Eleventy (`renderSite`) and the search index (`buildSearchIndex`), with the memory
 * in use after each. Usage: tsx bench/phases.ts --content DIR [--out DIR]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderSite } from "../src/eleventy/run.ts";
import { buildSearchIndex } from "../src/render/search.ts";
import { buildSite } from "../src/site/site.ts";
import { BENCH_BUILD_TIME } from "./dateline.ts";

interface Phase {
  phase: string;
  seconds: number;
  rssMiB: number;
  heapUsedMiB: number;
}

const startup = performance.now() / 1000; // performance.now() counts from process start
const phases: Phase[] = [];
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function timed<T>(phase: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const memory = process.memoryUsage();
  phases.push({
    phase,
    seconds: (performance.now() - started) / 1000,
    rssMiB: mib(memory.rss),
    heapUsedMiB: mib(memory.heapUsed),
  });
  return result;
}

const { values } = parseArgs({ options: { content: { type: "string" }, out: { type: "string" } } });
if (!values.content) {
  console.error("usage: tsx bench/phases.ts --content DIR [--out DIR]");
  process.exit(2);
}
const contentDir = values.content;
const outDir = values.out ?? (await mkdtemp(path.join(tmpdir(), "dateline-phases-")));

phases.push({ phase: "start-up and module loading", seconds: startup, rssMiB: 0, heapUsedMiB: 0 });
const { site, diagnostics } = await timed("buildSite (read, check, index, markdown)", () =>
  buildSite({ contentDir, buildTime: BENCH_BUILD_TIME }),
);
if (!site) {
  console.error(`the content has ${diagnostics.length} problems`);
  process.exit(1);
}
const files = await timed("renderSite (Eleventy)", () => renderSite(site, outDir));
const searchable = await timed("buildSearchIndex (Pagefind)", () => buildSearchIndex(site.articles, outDir));
if (!values.out) await rm(outDir, { recursive: true, force: true });

const total = phases.reduce((sum, p) => sum + p.seconds, 0);
console.log(`${site.articles.length} articles, ${files} files rendered, ${searchable} pages indexed\n`);
console.log("phase                                        seconds   share   RSS after  heap after");
for (const p of phases) {
  const share = `${((100 * p.seconds) / total).toFixed(1)}%`;
  console.log(
    `${p.phase.padEnd(44)} ${p.seconds.toFixed(2).padStart(8)} ${share.padStart(7)} ${`${p.rssMiB} MiB`.padStart(11)} ${`${p.heapUsedMiB} MiB`.padStart(11)}`,
  );
}
console.log(`${"total".padEnd(44)} ${total.toFixed(2).padStart(8)}`);
