import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CommandResult, runCommand } from "../helpers/cli.ts";

function build(...args: string[]): Promise<CommandResult> {
  return runCommand("build", args);
}

describe("npm run build", () => {
  it("prints a one-line summary", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "dateline-cli-")), "site");
    const r = await build(
      "--content",
      "tests/fixtures/newsroom",
      "--out",
      out,
      "--build-time",
      "2024-06-01T12:00:00Z",
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^Built 26 articles, \d+ files in \d+\.\d\d s → .+site\/$/);
  });

  it("prints every problem as path:line:column  severity  message  [rule], with a count, and exits 1", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dateline-cli-"));
    const r = await build("--content", "tests/fixtures/broken", "--out", path.join(dir, "site"));
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n");
    expect(lines).toContain(
      'tests/fixtures/broken/articles/missing-title.md:1:1  error  missing required field "title"  [article/missing-title]',
    );
    expect(lines).toContain(
      'tests/fixtures/broken/articles/not-iso-date.md:3:1  error  "date": expected an ISO 8601 date such as 2022-12-15 or 2022-12-15T10:30:00+04:00, found "December 15, 2022"  [article/invalid-date]',
    );
    expect(lines).toContain("11 errors, 0 warnings in 10 files");
    expect(await readdir(dir)).toEqual([]);
  });

  it("takes the build time from DATELINE_BUILD_TIME, so a scheduled article is published once its time has come", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "dateline-cli-")), "site");
    const before = await build(
      "--content",
      "tests/fixtures/registry",
      "--out",
      out,
      "--build-time",
      "2024-06-01T12:00:00+04:00",
    );
    expect(before.stdout).toMatch(/^Built 4 articles/);
    process.env.DATELINE_BUILD_TIME = "2024-06-06T00:00:00+04:00";
    try {
      const after = await build("--content", "tests/fixtures/registry", "--out", out);
      expect(after.stdout).toMatch(/^Built 5 articles/);
    } finally {
      delete process.env.DATELINE_BUILD_TIME;
    }
  });

  it("rejects an unknown option with a one-line error and exit code 2", async () => {
    const r = await build("--bogus");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("error: Unknown option '--bogus' (see --help)");
  });

  it("has --help", async () => {
    const r = await build("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: npm run build");
  });
});
