/**
 * The build manifest's cost at archive scale, old format against new: a synthetic manifest of N files
 * (default 150,000: article pages with a source, listing pages, photos and search files) is written, read
 * back and compared with the next build's page hashes, as one edit's build does. The old format is the JSON
 * of Dateline before `manifest-format.ts` (three records keyed by file), done as its code did. Medians of
 * `--runs` runs (default 5). Each format runs in a process of its own.
 * Usage: tsx bench/manifest.ts [--files N] [--runs R] [--ballast MiB] [--dir DIR]
 */

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MANIFEST_FILE, type Manifest, readManifest, writeManifest } from "../src/publish/manifest.ts";

const { values } = parseArgs({
  options: {
    files: { type: "string" },
    runs: { type: "string" },
    dir: { type: "string" },
    ballast: { type: "string" },
    format: { type: "string" },
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

interface Measured {
  write: number;
  read: number;
  compare: number;
  bytes: number;
  heapMiB: number;
}

const STEPS = {
  write: "write (encode, write the file)",
  read: "read (read the file, decode)",
  compare: "compare (each page hash; the files owned)",
};

/** Writes, reads and compares the manifest in one format, as a build with one edit does. */
async function measure(which: "json" | "compact"): Promise<Measured> {
  const dir = values.dir ?? (await mkdtemp(path.join(tmpdir(), "dateline-manifest-bench-")));
  const manifest = synthesize(total);
  // The next build's page hashes: the same but one.
  const next = new Map(manifest.pages);
  const edited = [...next.keys()][0] as string;
  next.set(edited, sha1("edited"));
  let changed = 0;
  let owned = 0;
  let measured: Measured;
  if (which === "json") {
    const file = path.join(dir, "manifest.json");
    let read: OldManifest | undefined;
    measured = {
      write: await time(() => writeFile(file, oldBytes(manifest))),
      read: await time(async () => {
        read = JSON.parse(await readFile(file, "utf8")) as OldManifest;
      }),
      compare: await time(() => {
        const previous = read as OldManifest;
        changed = [...next].filter(([page, h]) => previous.pages[page] !== h).length;
        owned = new Set(Object.keys(previous.outputs)).size;
      }),
      bytes: (await stat(file)).size,
      heapMiB: 0,
    };
  } else {
    let read: Manifest | undefined;
    measured = {
      write: await time(() => writeManifest(dir, manifest)),
      read: await time(async () => {
        read = await readManifest(dir);
      }),
      compare: await time(() => {
        const previous = read as Manifest;
        changed = 0;
        for (const [page, h] of next) if (previous.pages.get(page) !== h) changed++;
        owned = [...previous.outputs.keys()].length;
      }),
      bytes: (await stat(path.join(dir, MANIFEST_FILE))).size,
      heapMiB: 0,
    };
  }
  if (changed !== 1 || owned !== total) throw new Error(`expected one changed page, found ${changed}`);
  if (!values.dir) await rm(dir, { recursive: true, force: true });
  return measured;
}

const format = values.format;
if (format !== "json" && format !== "compact") {
  // Each format in a process of its own, so that neither pays for the other's garbage.
  const run = (which: string) =>
    JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1), "--format", which], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    ) as Measured;
  const [json, compact] = [run("json"), run("compact")];
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `${total.toLocaleString("en")} files, median of ${runs} runs (ms); ${Number(values.ballast ?? 0)} MiB of live objects besides (heap ${json.heapMiB} / ${compact.heapMiB} MiB)`,
  );
  console.log("| step | JSON (old) | compact (new) |\n|---|---:|---:|");
  for (const step of ["write", "read", "compare"] as const)
    console.log(`| ${STEPS[step]} | ${json[step].toFixed(0)} | ${compact[step].toFixed(0)} |`);
  console.log(`| size (MiB) | ${mib(json.bytes)} | ${mib(compact.bytes)} |`);
} else {
  const held = ballast(Number(values.ballast ?? 0));
  const measured = await measure(format);
  measured.heapMiB = Math.round(process.memoryUsage().heapUsed / 1024 / 1024);
  if (held.length < 0) throw new Error("unreachable: keeps the ballast alive");
  console.log(JSON.stringify(measured));
}
