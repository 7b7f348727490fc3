import path from "node:path";
import { describe, expect, it } from "vitest";
import { failureDiagnostic, showPath, systemError } from "../../src/publish/errors.ts";
import { failureLine, INTERRUPTED_RULE } from "../../src/publish/publish.ts";

const names = { staging: "/srv/news/_site.staging-vm-7", outDir: "/srv/news/_site", shownOut: "_site" };

function sysError(code: string, syscall: string, file?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code, syscall, ...(file ? { path: file } : {}) });
}

describe("failureDiagnostic", () => {
  it.each([
    ["ENOSPC", "publish/disk-full", "no space is left on the device"],
    ["EDQUOT", "publish/disk-full", "the disk quota is used up"],
    ["EROFS", "publish/read-only", "the file system there is mounted read-only"],
    ["EACCES", "publish/permission-denied", "permission denied"],
    ["EPERM", "publish/permission-denied", "the operation is not permitted"],
    ["ENAMETOOLONG", "publish/name-too-long", "the path is longer than the file system allows"],
    ["ENOTDIR", "publish/not-a-folder", "a part of the path is a file, not a folder"],
    ["EIO", "publish/io-error", "the disk reported an input/output error"],
  ])("turns %s into %s, naming the file where it will be published", (code, rule, words) => {
    const error = sysError(code, "open", "/srv/news/_site.staging-vm-7/2024/03/10/a/index.html");
    const d = failureDiagnostic(error, "rendering", names);
    expect(d).toMatchObject({
      rule,
      severity: "error",
      file: "_site/2024/03/10/a/index.html",
      line: 1,
      column: 1,
    });
    expect(d.message).toBe(
      `could not write _site/2024/03/10/a/index.html while rendering the site: ${words} (${code})`,
    );
    expect(d.hint).toBeTruthy();
  });

  it("finds the system error inside the errors that wrap it", () => {
    const inner = sysError("ENOSPC", "mkdir", "/srv/news/_site/2024");
    const wrapped = Object.assign(new Error("Having trouble writing to the output"), {
      originalError: new Error("write failed", { cause: inner }),
    });
    expect(systemError(wrapped)).toBe(inner);
    expect(failureDiagnostic(wrapped, "publishing", names).message).toBe(
      "could not create the folder _site/2024 while publishing: no space is left on the device (ENOSPC)",
    );
  });

  it("calls mkdir's EEXIST on a file what it is, and names an unknown code in words", () => {
    expect(failureDiagnostic(sysError("EEXIST", "mkdir", "/srv/news"), "locking", names).rule).toBe(
      "publish/not-a-folder",
    );
    const odd = Object.assign(new Error("ESTALE: stale file handle, rename 'x'"), {
      code: "ESTALE",
      syscall: "rename",
      path: "/srv/news/_site/x",
    });
    const d = failureDiagnostic(odd, "publishing", names);
    expect(d.rule).toBe("publish/io-error");
    expect(d.message).toBe("could not move into place _site/x while publishing: stale file handle (ESTALE)");
  });

  it("keeps the message of an error that is not a system call's, and has its own rule for the search index", () => {
    expect(failureDiagnostic(new Error("Pagefind could not start"), "search", names)).toMatchObject({
      rule: "publish/search-index-failed",
      message: "while building the search index: Pagefind could not start",
      file: "_site",
    });
    expect(failureDiagnostic("boom", "rendering", names)).toMatchObject({
      rule: "publish/failed",
      message: "while rendering the site: boom",
    });
  });
});

describe("showPath", () => {
  it("shows staged files where they will be published, and the staging folder itself as it is", () => {
    expect(showPath("/srv/news/_site.staging-vm-7/feed.xml", names)).toBe(path.join("_site", "feed.xml"));
    expect(showPath("/srv/news/_site.staging-vm-7", names)).toBe("/srv/news/_site.staging-vm-7");
    expect(showPath("/srv/news/_site", names)).toBe("_site");
    expect(showPath("/srv/news/_site.lock", names)).toBe("/srv/news/_site.lock");
  });
});

describe("failureLine", () => {
  it("says the output is unchanged, unless publishing stopped midway", () => {
    expect(failureLine([], "_site")).toBe("Build failed: nothing was written; _site/ is unchanged.");
    const midway = [
      {
        file: "_site.journal.json",
        line: 1,
        column: 1,
        rule: INTERRUPTED_RULE,
        severity: "error" as const,
        message: "",
      },
    ];
    expect(failureLine(midway, "_site")).toBe(
      "Build failed while publishing: _site/ is partly updated; the next build finishes it first.",
    );
  });
});
