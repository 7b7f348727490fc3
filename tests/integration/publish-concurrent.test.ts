import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type BuildResult, build } from "../../src/eleventy/build.ts";
import type { PublishFs } from "../../src/publish/fs.ts";
import { acquireLock } from "../../src/publish/lock.ts";
import { recoverInterrupted } from "../../src/publish/output.ts";
import { hostName } from "../../src/publish/owner.ts";
import { places } from "../../src/publish/places.ts";
import { BUILD_TIME, buildInto, fixtureDir } from "../helpers/build-fixture.ts";
import { runCommand } from "../helpers/cli.ts";
import { pausedBuild } from "../helpers/paused-build.ts";
import { hashTree } from "../helpers/tree.ts";

async function freshOut(): Promise<{ parent: string; out: string }> {
  const parent = await mkdtemp(path.join(tmpdir(), "dateline-concurrent-"));
  return { parent, out: path.join(parent, "_site") };
}

describe("two builds into one output folder", () => {
  it("at the same moment: one publishes, the other fails at once naming the owner", async () => {
    const { parent, out } = await freshOut();
    const clean = await hashTree((await buildInto(fixtureDir("newsroom"))).outDir);
    const options = { contentDir: fixtureDir("newsroom"), outDir: out, buildTime: BUILD_TIME };
    // The second build starts while the first, holding the lock, creates its staging folder.
    const staging = path.join(parent, `_site.staging-${hostName()}-${process.pid}`);
    let second: Promise<BuildResult> | undefined;
    const mkdirThenWait: PublishFs["mkdir"] = async (dir, opts) => {
      if (dir === staging && !second) {
        second = build(options);
        await second;
      }
      return mkdir(dir, opts);
    };
    const first = await build({ ...options, seams: { fs: { mkdir: mkdirThenWait } } });
    const refused = await second;
    expect(first.ok).toBe(true);
    expect(refused?.ok).toBe(false);
    expect(refused?.diagnostics.map((d) => d.rule)).toEqual(["publish/locked"]);
    expect(refused?.diagnostics[0]?.file).toBe(path.join(parent, "_site.lock"));
    expect(refused?.diagnostics[0]?.message).toContain(`process ${process.pid} on ${hostName()}`);
    expect(await hashTree(out)).toEqual(clean);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("with a wait: the second publishes once the first is done", async () => {
    const { parent, out } = await freshOut();
    const clean = await hashTree((await buildInto(fixtureDir("registry"))).outDir);
    const held = await acquireLock(await places(out));
    const release = new Promise((r) => setTimeout(r, 500)).then(() => held.lock?.release());
    const options = {
      contentDir: fixtureDir("registry"),
      outDir: out,
      buildTime: BUILD_TIME,
      waitSeconds: 60,
    };
    const results = await Promise.all([build(options), build(options), release]);
    expect(results.slice(0, 2).map((r) => r?.ok)).toEqual([true, true]);
    expect(await hashTree(out)).toEqual(clean);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("from another process: refused while it runs, its staging folder left alone, its lock taken over once it is dead", async () => {
    const { parent, out } = await freshOut();
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    const before = await hashTree(out);
    const other = await pausedBuild(
      ["--content", fixtureDir("registry"), "--out", out, "--build-time", BUILD_TIME],
      "staged",
    );
    const staging = `_site.staging-${hostName()}-${other.pid}`;

    const refused = await runCommand("build", ["--content", fixtureDir("newsroom"), "--out", out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `another build is publishing to ${out}: process ${other.pid} on ${hostName()}`,
    );
    expect(refused.stderr).toContain("[publish/locked]");
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(await recoverInterrupted(out)).toEqual([]);
    expect(await readdir(parent)).toContain(staging);
    expect(await hashTree(out)).toEqual(before);

    await other.kill();
    const after = await buildInto(fixtureDir("newsroom"), out);
    expect(after.ok).toBe(true);
    expect(await hashTree(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(["_site"]);
  }, 60_000);

  it("a build whose lock was taken over while it rendered publishes nothing, and leaves the new owner's lock", async () => {
    const { parent, out } = await freshOut();
    expect((await buildInto(fixtureDir("newsroom"), out)).ok).toBe(true);
    const before = await hashTree(out);
    const staging = path.join(parent, `_site.staging-${hostName()}-${process.pid}`);
    const theirs = `${JSON.stringify({ pid: 41, host: "ci-runner-7", started: "2024-06-01T08:00:00.000Z" })}\n`;
    const result = await build({
      contentDir: fixtureDir("registry"),
      outDir: out,
      buildTime: BUILD_TIME,
      seams: {
        fs: {
          mkdir: async (dir, opts) => {
            if (dir === staging) await writeFile(path.join(parent, "_site.lock"), theirs);
            return mkdir(dir, opts);
          },
        },
      },
    });
    expect(result.diagnostics.map((d) => d.rule)).toEqual(["publish/locked"]);
    expect(result.diagnostics[0]?.message).toContain("took over the lock");
    expect(await hashTree(out)).toEqual(before);
    expect(await readFile(path.join(parent, "_site.lock"), "utf8")).toBe(theirs);
    expect((await readdir(parent)).sort()).toEqual(["_site", "_site.lock"]);
  }, 60_000);

  it("--wait SECONDS waits for the other build, then says how long it waited", async () => {
    const { out } = await freshOut();
    const bad = await runCommand("build", ["--out", out, "--wait", "soon"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('error: --wait expects a number of seconds, found "soon" (see --help)');

    const held = await acquireLock(await places(out));
    try {
      const waited = await runCommand("build", [
        "--content",
        fixtureDir("registry"),
        "--out",
        out,
        "--wait",
        "1",
      ]);
      expect(waited.code).toBe(1);
      expect(waited.stderr).toContain(`process ${process.pid} on ${hostName()}`);
      expect(waited.stderr).toContain("; waited 1 s  [publish/locked]");
    } finally {
      await held.lock?.release();
    }
  }, 60_000);
});
