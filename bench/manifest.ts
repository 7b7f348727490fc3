/**
 * The build manifest's cost at archive scale, old format against new: a synthetic manifest of N files
 * (default 150,000: article pages with a source, listing pages, photos and search files) is written, read
 * back and compared with the next build's page hashes, as one edit's build does. The old format is the JSON
 * of Dateline before `manifest-format.ts` (three records keyed by file), done as its code did. Medians of
 * `--runs` runs (default 5). Usage: tsx bench/manifest.ts [--files N] [--runs R] [--ballast MiB] [--dir DIR]
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { decodeManifest, encodeManifest, type Manifest } from "../src/publish/manifest-format.ts";

const { values } = parseArgs({
  options: {
    files: { type: "string" },
    runs: { type: "string" },
    dir: { type: "string" },
    ballast: { type: "string" },
  },
});
const total = Number(values.files ?? 150_000);
const runs = Number(values.runs ?? 5);

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** A manifest shaped like a news archive's: 2/3 article pages, listing pages, a few photos and search files. */
function synthesize(n: number): Manifest {
  const pages = new Map<string, string>();
  const outputs = new Map<string, string>();
  const sources = new Map<string, string>();
  const articles = Math.round((n * 2) / 3);
  for (let i = 0; i < n; i++) {
    const day = `${2000 + (i % 25)}/${String(1 + (i % 12)).padStart(2, "0")}/${String(1 + (i % 28)).padStart(2, "0")}`;
    let file: string;
    if (i < articles) {
      file = `${day}/council-approves-harbour-plan-number-${i}/index.html`;
      sources.set(
        file,
        `/srv/newsroom/content/articles/${day.slice(0, 7)}/council-approves-harbour-plan-number-${i}.md`,
      );
    } else if (i % 50 === 0) file = `img/${sha1(`p${i}`).slice(0, 16)}-960.webp`;
    else if (i % 40 === 0)
      file = `pagefind/en/${2000 + (i % 25)}/fragment/en_${sha1(`f${i}`).slice(0, 7)}.pf_fragment`;
    else file = `topics/subject-${i % 3000}/page/${Math.floor(i / 3000) + 1}/index.html`;
    if (!file.startsWith("img/") && !file.startsWith("pagefind/")) pages.set(file, sha1(`page ${i}`));
    outputs.set(file, sha1(`bytes ${i}`));
  }
  return { fingerprint: sha1("code"), pages, outputs, sources };
}

// The old format, as Dateline wrote, read and compared it.
interface OldManifest {
  version: 1;
  fingerprint: string;
  pages: Record<string, string>;
  outputs: Record<string, string>;
  sources?: Record<string, string>;
}
const byKey = ([a]: [string, string], [b]: [string, string]) => (a < b ? -1 : 1);
function oldBytes(m: Manifest): string {
  const old: OldManifest = {
    version: 1,
    fingerprint: m.fingerprint,
    pages: Object.fromEntries(m.pages),
    outputs: Object.fromEntries([...m.outputs].sort(byKey)),
    sources: Object.fromEntries([...(m.sources ?? [])].sort(byKey)),
  };
  return `${JSON.stringify(old)}\n`;
}

/** Median milliseconds of `work` over the runs. */
async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/**
 * A build holds its whole Site in memory (gigabytes at 100,000 articles), and the garbage collector's work
 * grows with it: `--ballast MiB` keeps that many MiB of small live objects for the runs.
 */
function ballast(mib: number): unknown[] {
  const kept: unknown[] = [];
  const perObject = 120; // bytes, roughly: an object with a short string and a small array
  for (let i = 0; i < (mib * 1024 * 1024) / perObject; i++)
    kept.push({ id: i, name: `entity ${i}`, refs: [i, i + 1] });
  return kept;
}
const held = ballast(Number(values.ballast ?? 0));

const dir = values.dir ?? (await mkdtemp(path.join(tmpdir(), "dateline-manifest-bench-")));
const manifest = synthesize(total);
// The next build's page hashes: the same but one.
const next = new Map(manifest.pages);
const edited = [...next.keys()][0] as string;
next.set(edited, sha1("edited"));
const oldFile = path.join(dir, "manifest.json");
const newFile = path.join(dir, "manifest.bin");

const rows: [string, number, number][] = [];
const oldWrite = await time(() => writeFile(oldFile, oldBytes(manifest)));
const newWrite = await time(() => writeFile(newFile, encodeManifest(manifest)));
rows.push(["write (encode, write the file)", oldWrite, newWrite]);
let oldRead: OldManifest | undefined;
let newRead: Manifest | undefined;
rows.push([
  "read (read the file, decode)",
  await time(async () => {
    oldRead = JSON.parse(await readFile(oldFile, "utf8")) as OldManifest;
  }),
  await time(async () => {
    newRead = decodeManifest(await readFile(newFile));
  }),
]);
let changed = 0;
rows.push([
  "compare (page hashes, files owned)",
  await time(() => {
    const previous = oldRead as OldManifest;
    changed = [...next].filter(([file, h]) => previous.pages[file] !== h).length;
    return new Set(Object.keys(previous.outputs)).size;
  }),
  await time(() => {
    const previous = newRead as Manifest;
    changed = 0;
    for (const [file, h] of next) if (previous.pages.get(file) !== h) changed++;
    return previous.outputs.size;
  }),
]);
if (changed !== 1) throw new Error(`expected one changed page, found ${changed}`);
const [oldSize, newSize] = [(await readFile(oldFile)).length, (await readFile(newFile)).length];
if (!values.dir) await rm(dir, { recursive: true, force: true });

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const heap = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
console.log(
  `${total.toLocaleString("en")} files, median of ${runs} runs (ms), ${held.length.toLocaleString("en")} live objects besides (heap ${heap} MiB)`,
);
console.log(`| step | JSON (old) | compact (new) |\n|---|---:|---:|`);
for (const [step, before, after] of rows)
  console.log(`| ${step} | ${before.toFixed(0)} | ${after.toFixed(0)} |`);
console.log(`| size (MiB) | ${mib(oldSize)} | ${mib(newSize)} |`);
