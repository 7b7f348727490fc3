import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Content, loadContent } from "../../src/content/content.ts";
import type { ReadJob } from "../../src/content/read-job.ts";
import type { ReadHelper, ReadPeer, SentBatch } from "../../src/content/shared-reading.ts";
import { formatReport } from "../../src/core/report.ts";
import { build } from "../../src/eleventy/build.ts";
import { BUILD_TIME, fixtureDir } from "../helpers/build-fixture.ts";
import { hashTree } from "../helpers/tree.ts";

// 36 articles and registry files naming fictional people in Cyrillic, Turkic and Greek spellings, with
// errors (bad dates, YAML, a missing title, an empty file, a shared URL) and warnings of every kind.
const THREADS = fixtureDir("check-threads");

/**
 * The main thread's helper and the render worker's peer, joined in one process: every message goes
 * through a structured clone, as between threads. With `alone`, the main thread takes no job itself.
 */
function joined(alone: boolean) {
  let answer: (request: { jobs: ReadJob[]; counter: SharedArrayBuffer } | undefined) => void = () => {};
  const request = new Promise<{ jobs: ReadJob[]; counter: SharedArrayBuffer } | undefined>((resolve) => {
    answer = resolve;
  });
  let toLead: (batch: SentBatch) => void = () => {};
  let leadDone: () => void = () => {};
  let toPeer: ((batch: SentBatch) => void) | undefined;
  const early: SentBatch[] = [];
  let mainDone: () => void = () => {};
  const mainFinished = new Promise<void>((resolve) => {
    mainDone = resolve;
  });
  const sent = { toLead: 0, toPeer: 0 };
  const helper: ReadHelper = {
    minJobs: 0,
    alone,
    share(shared, onOutcomes) {
      toLead = onOutcomes;
      answer({ jobs: structuredClone(shared.jobs) as ReadJob[], counter: shared.counter });
      return new Promise<void>((resolve) => {
        leadDone = resolve;
      });
    },
    async stop() {
      answer(undefined);
    },
    mirror(batch) {
      sent.toPeer += batch.length;
      const copy = structuredClone(batch);
      if (toPeer) toPeer(copy);
      else early.push(copy);
    },
    mirrorDone: () => mainDone(),
  };
  const peer: ReadPeer = {
    request: () => request,
    send(batch) {
      sent.toLead += batch.length;
      toLead(structuredClone(batch));
    },
    done: () => leadDone(),
    follow(onOutcomes) {
      toPeer = onOutcomes;
      for (const batch of early.splice(0)) onOutcomes(batch);
      return mainFinished;
    },
  };
  return { helper, peer, sent };
}

/** What both threads must agree on: every article as validated, and every problem. */
function digest(content: Content | undefined, diagnostics: Parameters<typeof formatReport>[0]) {
  return {
    articles: content?.articles.map((a) => ({
      input: a.input,
      body: a.document.body,
      data: a.document.data,
    })),
    entities: content?.index.entities.person.map((p) => p.slug),
    report: formatReport(diagnostics),
  };
}

const options = { contentDir: THREADS, preview: true, buildTime: BUILD_TIME };

describe("the render worker sharing the reading with the main thread", () => {
  for (const alone of [true, false])
    it(`gives both threads the content one thread reads (${alone ? "the worker reads every file" : "the main thread reads them"})`, async () => {
      const reference = await loadContent(options);
      const { helper, peer, sent } = joined(alone);
      const [lead, follower] = await Promise.all([
        loadContent({ ...options, helper }),
        loadContent({ ...options, peer }),
      ]);
      const expected = digest(reference.content, reference.diagnostics);
      expect(expected.articles?.length).toBeGreaterThan(20);
      expect(digest(lead.content, lead.diagnostics)).toEqual(expected);
      expect(digest(follower.content, follower.diagnostics)).toEqual(expected);
      // Every file crossed one way: read by one thread, sent to the other.
      if (alone) {
        expect(sent.toLead).toBeGreaterThanOrEqual(36);
        expect(sent.toPeer).toBe(0);
        expect(lead.helped).toBe(sent.toLead);
      } else {
        expect(sent.toPeer).toBeGreaterThanOrEqual(36);
        expect(sent.toLead).toBe(0);
      }
    });

  it("reads every file itself when the main thread planned other jobs, sending nothing", async () => {
    const reference = await loadContent(options);
    const calls = { sent: 0, done: 0 };
    const peer: ReadPeer = {
      request: async () => ({
        jobs: [{ candidate: { shown: "/elsewhere/a.md", target: "/elsewhere/a.md" } }],
        counter: new SharedArrayBuffer(4),
      }),
      send: () => {
        calls.sent++;
      },
      done: () => {
        calls.done++;
      },
      follow: () => Promise.reject(new Error("a peer that declined follows nothing")),
    };
    const follower = await loadContent({ ...options, peer });
    expect(calls).toEqual({ sent: 0, done: 1 });
    expect(digest(follower.content, follower.diagnostics)).toEqual(
      digest(reference.content, reference.diagnostics),
    );
  });

  it("reads every file itself when the main thread reads alone", async () => {
    const reference = await loadContent(options);
    let done = 0;
    const peer: ReadPeer = {
      request: async () => undefined,
      send: () => {
        throw new Error("nothing is sent when the main thread reads alone");
      },
      done: () => {
        done++;
      },
      follow: () => Promise.reject(new Error("nothing to follow")),
    };
    const follower = await loadContent({ ...options, peer });
    expect(done).toBe(1);
    expect(digest(follower.content, follower.diagnostics)).toEqual(
      digest(reference.content, reference.diagnostics),
    );
  });

  it("builds the same bytes with the real worker, and leaves a cache that builds them again", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "dateline-shared-read-"));
    const contentDir = fixtureDir("multilingual");
    const cacheDir = path.join(root, "cache");
    const shared = await build({
      contentDir,
      outDir: path.join(root, "shared"),
      cacheDir,
      buildTime: BUILD_TIME,
      search: false,
      // The worker reads every file (a small site is read by the main thread before the worker starts).
      parallel: { minArticles: 0, minPages: 0, minShared: 0, workerReadsAll: true },
    });
    expect(shared.ok).toBe(true);
    expect(shared.workerArticles ?? 0).toBeGreaterThan(0);
    expect(shared.workerFiles).toBeGreaterThan(0);
    const alone = await build({
      contentDir,
      outDir: path.join(root, "alone"),
      buildTime: BUILD_TIME,
      search: false,
      parallel: false,
    });
    expect(alone.workerArticles).toBeUndefined();
    const expected = await hashTree(path.join(root, "alone"));
    expect(await hashTree(path.join(root, "shared"))).toEqual(expected);
    // The cache the main thread wrote holds what the worker read too: a build from it gives the same bytes.
    const fromCache = await build({
      contentDir,
      outDir: path.join(root, "from-cache"),
      cacheDir,
      buildTime: BUILD_TIME,
      search: false,
      parallel: false,
      incremental: false,
    });
    expect(fromCache.ok).toBe(true);
    expect(await hashTree(path.join(root, "from-cache"))).toEqual(expected);
  });
});
