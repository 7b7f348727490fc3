import { appendFile, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/cli/check-content.ts";
import { CHECK_WORKER_MIN_FILES, maybeStartCheckWorker } from "../../src/cli/check-helper.ts";
import { articleChecker } from "../../src/content/article-check.ts";
import { loadContent } from "../../src/content/content.ts";
import type { CheckDocument } from "../../src/content/read-job.ts";
import {
  helpRead,
  JobCounter,
  type ReadHelper,
  type SentBatch,
  type ShareRequest,
} from "../../src/content/shared-reading.ts";
import { diagnostic } from "../../src/core/diagnostics.ts";
import { formatReport } from "../../src/core/report.ts";
import { articleWarnings } from "../../src/lint/reading.ts";
import { removedHtml } from "../../src/lint/removed-html.ts";
import { fixtureDir } from "../helpers/build-fixture.ts";
import { contentWith } from "../helpers/content-copy.ts";

// 36 articles and 4 registry files naming fictional people in Cyrillic, Turkic and Greek spellings, with
// errors (bad dates, YAML, a missing title, an empty file, a shared URL) and warnings of every kind.
const FIXTURE = fixtureDir("check-threads");
const ARTICLE_FILES = 40;

/** The check on the main thread alone: what every other way of running it must report. */
const alone = (contentDir = FIXTURE) => checkContent(contentDir, { parallel: false });

/**
 * A helper on the main thread that does what the worker does, every outcome going through a structured
 * clone as a message between threads would: it takes every job before the main thread can take one.
 */
function inProcessHelper(
  options: { check?: (request: ShareRequest) => CheckDocument<unknown>; shared?: ShareRequest[] } = {},
): ReadHelper {
  return {
    minJobs: 0,
    async share(request, onOutcomes) {
      options.shared?.push(request);
      const check =
        options.check?.(request) ?? articleChecker(request.settings, articleWarnings(request.settings));
      helpRead(request, check, (batch) => onOutcomes(structuredClone(batch)));
    },
    async stop() {},
  };
}

describe("warnings found while reading", () => {
  it("are html/removed and entity-not-in-body (when everyone is named as written), used by the rules", async () => {
    const { content } = await loadContent({ contentDir: FIXTURE, preview: true, articleWarnings });
    const warnings = content?.readWarnings;
    if (!content || !warnings) throw new Error("expected warnings found while reading");
    const at = (name: string) => path.relative(process.cwd(), path.join(FIXTURE, "articles/2024", name));
    expect(warnings(at("05/story-29.md"), "html/removed", "[]")?.map((d) => d.line)).toEqual([17]);
    expect(warnings(at("05/story-29.md"), "html/removed", '["video.example.test"]')).toBeUndefined();
    expect(warnings(at("03/story-01.md"), "article/entity-not-in-body", "")).toEqual([]);
    // Named only through a registry alias: left to the rule, which has the registry.
    expect(warnings(at("03/story-09.md"), "article/entity-not-in-body", "")).toBeUndefined();
    // The rule takes what was found while reading instead of parsing the body again.
    const planted = diagnostic("warning", "html/removed", at("03/story-01.md"), 99, "planted");
    const input = {
      ...content,
      embedHosts: content.settings.embedHosts,
      readWarnings: (file: string, rule: string, key: string) =>
        file === planted.file && rule === "html/removed" ? [planted] : warnings(file, rule, key),
    };
    expect(removedHtml(input).filter((d) => d.file === planted.file)).toEqual([planted]);
  });
});

describe("check on two threads", () => {
  it("gives the same report when the worker thread reads every file", async () => {
    const reference = await alone();
    expect(reference.diagnostics.filter((d) => d.severity === "error")).toHaveLength(12);
    expect(reference.diagnostics.filter((d) => d.severity === "warning")).toHaveLength(41);
    const shared = await checkContent(FIXTURE, { parallel: { minFiles: 0, workerOnly: true } });
    expect(shared.helped).toBe(ARTICLE_FILES);
    expect(shared.diagnostics).toEqual(reference.diagnostics);
    expect(formatReport(shared.diagnostics)).toBe(formatReport(reference.diagnostics));
    expect(shared.articles).toBe(reference.articles);
  });

  it("gives the same report when the two threads share the files", async () => {
    const reference = await alone();
    const shared = await checkContent(FIXTURE, { parallel: { minFiles: 0 } });
    expect(shared.diagnostics).toEqual(reference.diagnostics);
  });

  it("reports a file read by the worker at its file, line and field", async () => {
    const shared = await checkContent(FIXTURE, { parallel: { minFiles: 0, workerOnly: true } });
    const file = path.relative(process.cwd(), path.join(FIXTURE, "articles/2024/03/story-06.md"));
    expect(shared.diagnostics.find((d) => d.file === file && d.severity === "error")).toEqual({
      file,
      line: 3,
      column: 1,
      rule: "article/invalid-date",
      severity: "error",
      field: "date",
      message:
        '"date": expected an ISO 8601 date such as 2022-12-15 or 2022-12-15T10:30:00+04:00, found "2024-03-06 morning"',
    });
  });

  it("reads again on the main thread a file whose check failed in the helper, and reports it the same", async () => {
    const reference = await alone();
    const failing = "story-31.md";
    const shared = await checkContent(FIXTURE, {
      parallel: {
        minFiles: 0,
        helper: () =>
          inProcessHelper({
            check: (request) => {
              const check = articleChecker(request.settings, articleWarnings(request.settings));
              return (document) => {
                if (document.file.endsWith(failing)) throw new Error("a bug in a rule");
                return check(document);
              };
            },
          }),
      },
    });
    expect(shared.helped).toBe(ARTICLE_FILES - 1);
    expect(shared.diagnostics).toEqual(reference.diagnostics);
    const missingTitle = shared.diagnostics.find((d) => d.file.endsWith(failing) && d.severity === "error");
    expect(missingTitle).toMatchObject({ line: 1, field: "title", rule: "article/missing-title" });
    expect(
      shared.diagnostics.find((d) => d.file.endsWith(failing) && d.severity === "warning"),
    ).toMatchObject({ line: 11, field: "titel", rule: "article/unknown-key" });
  });

  it("reads on the main thread what a helper took and never sent (a worker that died)", async () => {
    const reference = await alone();
    let taken = 0;
    const dying: ReadHelper = {
      minJobs: 0,
      async share(request, onOutcomes) {
        const counter = new JobCounter(request.jobs.length, request.counter);
        // Takes ten jobs, sends the outcomes of five, and dies.
        for (let i = 0; i < 10; i++) if (counter.claim() !== undefined) taken++;
        const batch: SentBatch = [];
        helpRead(
          { jobs: request.jobs.slice(0, 5), counter: new SharedArrayBuffer(4) },
          articleChecker(request.settings, articleWarnings(request.settings)),
          (sent) => batch.push(...sent),
        );
        onOutcomes(structuredClone(batch));
      },
      async stop() {},
    };
    const shared = await checkContent(FIXTURE, { parallel: { minFiles: 0, helper: () => dying } });
    expect(taken).toBe(10);
    expect(shared.helped).toBe(5);
    expect(shared.diagnostics).toEqual(reference.diagnostics);
  });

  it("fills the cache from both threads, so the next run hands out only the files to parse", async () => {
    const content = await contentWith("check-threads");
    // Files saved long ago: the cache trusts their size and time (one saved just now is compared again).
    const long = new Date("2024-01-01T00:00:00Z");
    for (const file of await readdir(content, { recursive: true }))
      if (file.endsWith(".md")) await utimes(path.join(content, file), long, long);
    const cacheDir = await mkdtemp(path.join(tmpdir(), "dateline-check-cache-"));
    try {
      const reference = await alone(content);
      const cold = await checkContent(content, {
        cacheDir,
        parallel: { minFiles: 0, helper: () => inProcessHelper() },
      });
      expect(cold.helped).toBe(ARTICLE_FILES);
      expect(cold.diagnostics).toEqual(reference.diagnostics);
      // One file changed: only it is handed out; the others' results, warnings included, come from the cache.
      const changed = path.join(content, "articles/2024/05/story-29.md");
      await appendFile(changed, "\n<script>x</script>\n");
      await utimes(changed, long, new Date("2024-01-02T00:00:00Z"));
      const shared: ShareRequest[] = [];
      const warm = await checkContent(content, {
        cacheDir,
        parallel: { minFiles: 0, helper: () => inProcessHelper({ shared }) },
      });
      expect(shared.map((request) => request.jobs.map((job) => path.basename(job.candidate.shown)))).toEqual([
        ["story-29.md"],
      ]);
      expect(warm.helped).toBe(1);
      expect(warm.diagnostics).toEqual((await alone(content)).diagnostics);
      expect(warm.diagnostics.filter((d) => d.rule === "html/removed").length).toBe(
        reference.diagnostics.filter((d) => d.rule === "html/removed").length + 1,
      );
      // A file only touched is read and hashed on the main thread: nothing to parse, no helper needed.
      await utimes(
        path.join(content, "articles/2024/03/story-01.md"),
        long,
        new Date("2024-01-03T00:00:00Z"),
      );
      shared.length = 0;
      const touched = await checkContent(content, {
        cacheDir,
        parallel: { minFiles: 0, helper: () => inProcessHelper({ shared }) },
      });
      expect(shared).toEqual([]);
      expect(touched.diagnostics).toEqual(warm.diagnostics);
    } finally {
      await rm(path.dirname(content), { recursive: true, force: true });
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("starts no worker for an archive of fewer than CHECK_WORKER_MIN_FILES article files", async () => {
    expect(CHECK_WORKER_MIN_FILES).toBe(500);
    let started = 0;
    const helper = () => {
      started++;
      return inProcessHelper();
    };
    expect(maybeStartCheckWorker(CHECK_WORKER_MIN_FILES - 1, { helper })).toBeUndefined();
    expect(maybeStartCheckWorker(CHECK_WORKER_MIN_FILES, { helper })).toBeDefined();
    expect(started).toBe(1);
    const result = await checkContent(FIXTURE, { parallel: { helper } });
    expect(started).toBe(1);
    expect(result.helped).toBe(0);
    expect(
      (await readdir(path.join(FIXTURE, "articles"), { recursive: true })).filter((f) => f.endsWith(".md")),
    ).toHaveLength(ARTICLE_FILES);
    expect(maybeStartCheckWorker(10_000, false)).toBeUndefined();
  });
});
