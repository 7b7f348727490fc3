#!/usr/bin/env node
// Runs a Dateline command (`node bin/dateline.mjs check --help`) from the compiled JavaScript in dist/,
// compiling src/ first when dist/ is missing or was compiled from other sources. The check hashes the
// sources (a few milliseconds); compiling takes a few seconds, once. Without TypeScript installed the
// command runs from src/ through tsx instead.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DIST = path.join(ROOT, "dist");
/** In dist/: the hash of the sources it was compiled from. */
const STAMP = ".sources";
const COMMANDS = ["build", "check", "new", "import"];

const command = process.argv[2];
if (!COMMANDS.includes(command ?? "")) {
  console.error(`error: expected a command, one of ${COMMANDS.join(", ")} (found "${command ?? ""}")`);
  process.exit(2);
}

/** The hash of everything the compiled code is made from: src/, the TypeScript settings, Node's version. */
function sourcesHash() {
  const hash = createHash("sha1");
  const src = path.join(ROOT, "src");
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  for (const file of [...files, path.join(ROOT, "tsconfig.json"), path.join(ROOT, "tsconfig.build.json")])
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function readStamp() {
  try {
    return readFileSync(path.join(DIST, STAMP), "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Compiles src/ into a fresh folder, then puts it in place of dist/ with renames, so a command never runs
 * half-written files. Returns false when it cannot (no TypeScript): the caller runs the sources with tsx.
 */
function compile(stamp) {
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  if (!existsSync(tsc)) return false;
  removeAbandoned();
  const fresh = `${DIST}.tmp-${process.pid}`;
  const old = `${DIST}.old-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", fresh], {
    cwd: ROOT,
    encoding: "utf8",
  });
  // Type errors still give JavaScript (npm test reports them); only a missing output is a failure.
  if (!existsSync(path.join(fresh, "cli", `${command}.js`))) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    rmSync(fresh, { recursive: true, force: true });
    return false;
  }
  writeFileSync(path.join(fresh, STAMP), stamp);
  try {
    renameSync(DIST, old);
  } catch {
    // No dist/ yet.
  }
  try {
    renameSync(fresh, DIST);
  } catch {
    // Another command compiled the same sources at the same moment and put its copy in place first.
  }
  rmSync(fresh, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  return true;
}

/** Removes the folders of compiles that were killed (`dist.tmp-<pid>`, `dist.old-<pid>` of a dead process). */
function removeAbandoned() {
  for (const name of readdirSync(ROOT)) {
    const pid = /^dist\.(?:tmp|old)-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (error) {
      if (error.code === "ESRCH") rmSync(path.join(ROOT, name), { recursive: true, force: true });
    }
  }
}

const stamp = sourcesHash();
process.argv.splice(2, 1);
if (readStamp() === stamp || compile(stamp)) {
  process.argv[1] = path.join(DIST, "cli", `${command}.js`);
  await import(pathToFileURL(process.argv[1]).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  process.argv[1] = path.join(ROOT, "src", "cli", `${command}.ts`);
  await import(pathToFileURL(process.argv[1]).href);
}
