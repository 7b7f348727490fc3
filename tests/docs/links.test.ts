import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documents, prose, ROOT, readDocument } from "./markdown.ts";

/**
 * Pages other engineers are writing in their own branches: a link to one of them may point nowhere until
 * their branch is merged. Once the file exists, its links and anchors are checked like any other.
 */
const PENDING = new Set(["docs/publishing.md", "docs/sanitizing.md"]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(document: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(readDocument(document)).split("\n")) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const base = anchorOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  document: string;
  line: number;
  target: string;
}

function relativeLinks(document: string): Link[] {
  const links: Link[] = [];
  prose(readDocument(document))
    .split("\n")
    .forEach((text, i) => {
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? "";
        if (/^[a-z]+:/i.test(target)) continue;
        links.push({ document, line: i + 1, target });
      }
    });
  return links;
}

describe("links between the docs", () => {
  it("computes GitHub's anchors", () => {
    expect(anchorOf("Site settings: `content/site.json`")).toBe("site-settings-contentsitejson");
    expect(anchorOf("`file/` and `frontmatter/`")).toBe("file-and-frontmatter");
    expect(anchorOf("Importing wire copy: `npm run import`")).toBe("importing-wire-copy-npm-run-import");
  });

  it("point at files and headings that exist", () => {
    const broken: string[] = [];
    for (const document of documents()) {
      for (const link of relativeLinks(document)) {
        const [file = "", anchor] = link.target.split("#");
        const target =
          file === "" ? document : path.posix.normalize(path.posix.join(path.posix.dirname(document), file));
        const where = `${link.document}:${link.line} → ${link.target}`;
        if (!existsSync(path.join(ROOT, target))) {
          if (!PENDING.has(target)) broken.push(`${where}: no such file`);
          continue;
        }
        if (anchor !== undefined && target.endsWith(".md") && !anchorsOf(target).has(anchor))
          broken.push(`${where}: no heading with that anchor in ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("lead from the README to every page of docs/", () => {
    const linked = new Set(
      relativeLinks("README.md").map((l) => path.posix.normalize(l.target.split("#")[0] ?? "")),
    );
    const pages = [...documents().filter((d) => d.startsWith("docs/")), ...PENDING];
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});
