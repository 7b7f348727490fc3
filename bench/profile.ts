/**
 * Prints where a CPU profile's time went: by area (npm package, Dateline source file, GC, idle), the top
 * functions by self time, and the inclusive time of chosen functions.
 * Usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--focus name,name,…]
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type CpuProfile, summarize, type Timing } from "./cpu-profile.ts";

const DEFAULT_FOCUS = [
  "buildSite",
  "loadSources",
  "parseDocument",
  "validateArticle",
  "indexEntities",
  "slugify",
  "render",
  "assemble",
  "renderSite",
  "buildSearchIndex",
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" }, focus: { type: "string" } },
});
const file = positionals[0];
if (!file) {
  console.error("usage: tsx bench/profile.ts FILE.cpuprofile [--top N] [--focus name,name,…]");
  process.exit(2);
}
const top = Number(values.top);
const focus = values.focus ? values.focus.split(",") : DEFAULT_FOCUS;
const summary = summarize(JSON.parse(await readFile(file, "utf8")) as CpuProfile);
const busy = summary.totalMs - (summary.selfByArea.find((t) => t.key === "(idle)")?.ms ?? 0);

const row = (t: Timing, of: number) =>
  `${(t.ms / 1000).toFixed(2).padStart(8)} s ${`${((100 * t.ms) / of).toFixed(1)}%`.padStart(6)}  ${t.key}`;

console.log(
  `${file}\nprofiled ${(summary.totalMs / 1000).toFixed(2)} s, busy (not idle) ${(busy / 1000).toFixed(2)} s`,
);
console.log("\nSelf time by area (% of busy time):");
for (const t of summary.selfByArea.slice(0, top)) console.log(row(t, busy));
console.log(`\nTop ${top} functions by self time (% of busy time):`);
for (const t of summary.selfByFunction.slice(0, top)) console.log(row(t, busy));
console.log("\nInclusive time of chosen functions (% of busy time):");
for (const name of focus) console.log(row({ key: name, ms: summary.inclusiveByName.get(name) ?? 0 }, busy));
