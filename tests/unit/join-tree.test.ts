import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { joinTree } from "../../src/eleventy/join.ts";

function put(root: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
}

function files(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

describe("joining the render worker's folder to staging", () => {
  it("moves a folder staging lacks in one rename, and opens only the folders both hold", () => {
    const root = mkdtempSync(path.join(tmpdir(), "dateline-join-"));
    const worker = path.join(root, "worker");
    const staging = path.join(root, "staging");
    // The worker's pages: an article's own folder, a second page of a day, an entity page beside its feeds.
    put(worker, "2024/01/23/harbour-story/index.html", "article");
    put(worker, "2024/01/page/2/index.html", "page two");
    put(worker, "people/edra-vask/index.html", "person");
    // Staging: the main thread's share, the entity's feeds, photos.
    put(staging, "2024/01/23/other-story/index.html", "other");
    put(staging, "2024/01/index.html", "month");
    put(staging, "people/edra-vask/feed.xml", "feed");
    put(staging, "img/x.jpg", "photo");
    const articleFolder = statSync(path.join(worker, "2024/01/23/harbour-story")).ino;
    const pageFolder = statSync(path.join(worker, "2024/01/page")).ino;

    joinTree(worker, staging);

    expect(files(staging)).toEqual([
      "2024/01/23/harbour-story/index.html",
      "2024/01/23/other-story/index.html",
      "2024/01/index.html",
      "2024/01/page/2/index.html",
      "img/x.jpg",
      "people/edra-vask/feed.xml",
      "people/edra-vask/index.html",
    ]);
    expect(readFileSync(path.join(staging, "people/edra-vask/index.html"), "utf8")).toBe("person");
    // Moved whole: the same folders, not copies made file by file.
    expect(statSync(path.join(staging, "2024/01/23/harbour-story")).ino).toBe(articleFolder);
    expect(statSync(path.join(staging, "2024/01/page")).ino).toBe(pageFolder);
    // Nothing is left behind but the folders both held, now empty.
    expect(files(worker)).toEqual([]);
  });
});
