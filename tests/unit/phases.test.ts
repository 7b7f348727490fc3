import { describe, expect, it } from "vitest";
import type { Manifest } from "../../src/publish/manifest.ts";
import { keptDuringPages, keptDuringSearch, pagesManifest } from "../../src/publish/phases.ts";

const previous: Manifest = {
  fingerprint: "code-1",
  pages: new Map([
    ["index.html", "p-old"],
    ["search/index.html", "s-old"],
  ]),
  outputs: new Map([
    ["index.html", "h-index-old"],
    ["search/index.html", "h-search-old"],
    ["pagefind/pagefind-ui.js", "h-ui"],
    ["pagefind/en/2023/pagefind-entry.json", "h-2023-old"],
    ["pagefind/en/2022/pagefind-entry.json", "h-2022"],
  ]),
  search: { fingerprint: "search-1", shards: { "en/2022": "r-2022", "en/2023": "r-2023-old" } },
};

const final: Manifest = {
  fingerprint: "code-1",
  pages: new Map([
    ["index.html", "p-new"],
    ["search/index.html", "s-new"],
  ]),
  outputs: new Map(),
  sources: new Map(),
  search: { fingerprint: "search-1", shards: { "en/2022": "r-2022", "en/2023": "r-2023-new" } },
};

describe("the manifests and kept files of the two phases", () => {
  it("the pages' manifest describes the previous search index and claims no hash for held-back pages", () => {
    const manifest = pagesManifest(final, previous, ["search/index.html"]);
    expect(manifest.search).toEqual(previous.search);
    expect(manifest.pages).toEqual(new Map([["index.html", "p-new"]]));
    expect(manifest.outputs).toEqual(new Map());
    // The final manifest is left as it was, for the second phase.
    expect(final.search?.shards["en/2023"]).toBe("r-2023-new");
    expect(final.pages.get("search/index.html")).toBe("s-new");
    expect(pagesManifest(final, undefined, []).search).toBeUndefined();
  });

  it("the pages' publish keeps the whole previous index and the held-back pages' previous versions", () => {
    expect(keptDuringPages(previous, ["search/index.html"])).toEqual(
      new Map([
        ["search/index.html", "h-search-old"],
        ["pagefind/pagefind-ui.js", "h-ui"],
        ["pagefind/en/2023/pagefind-entry.json", "h-2023-old"],
        ["pagefind/en/2022/pagefind-entry.json", "h-2022"],
      ]),
    );
  });

  it("the search index's publish keeps every page and only the shards not indexed again", () => {
    const published = { ...previous, outputs: new Map([...previous.outputs, ["index.html", "h-index-new"]]) };
    const kept = keptDuringSearch(published, [
      "pagefind/pagefind-ui.js",
      "pagefind/en/2022/pagefind-entry.json",
    ]);
    expect([...kept.keys()].sort()).toEqual([
      "index.html",
      "pagefind/en/2022/pagefind-entry.json",
      "pagefind/pagefind-ui.js",
      "search/index.html",
    ]);
    expect(kept.get("index.html")).toBe("h-index-new");
  });
});
