import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ANY,
  type ConsoleExample,
  compareOutput,
  normalizeOutput,
  parseConsoleBlock,
  runStep,
  scratchProject,
} from "./console.ts";
import { documents, fencedBlocks, ROOT, readDocument } from "./markdown.ts";

const examples: ConsoleExample[] = documents().flatMap((document) =>
  fencedBlocks(readDocument(document))
    .filter((block) => block.language === "console")
    .map((block) => parseConsoleBlock(document, block)),
);

/** A line of Dateline's report: `path:line:column  severity  message  [rule]`. */
const REPORT_LINE = /^\S+:\d+:\d+ {2}(error|warning) {2}/;

describe("the docs' output convention", () => {
  it("matches `…` to any text in a line and a line of `…` to any lines", () => {
    expect(
      compareOutput(
        ["Built 1 article, 19 files in … s → _site/"],
        ["Built 1 article, 19 files in 0.46 s → _site/"],
      ),
    ).toEqual({ ok: true });
    expect(compareOutput(["a", ANY, "z"], ["a", "b", "c", "z"])).toEqual({ ok: true });
    expect(compareOutput(["a", ANY, "z"], ["a", "z"])).toEqual({ ok: true });
    expect(compareOutput(["a (x) [y]", "b"], ["a (x) [y]", "c"])).toEqual({
      ok: false,
      expectedIndex: 1,
      actualIndex: 1,
    });
    expect(compareOutput(["a"], ["a", "extra"])).toEqual({ ok: false, expectedIndex: 1, actualIndex: 1 });
  });

  it("reads commands, continuations and the content folder from a block", () => {
    const example = parseConsoleBlock("doc.md", {
      info: "console content=tests/fixtures/check-clean",
      language: "console",
      line: 10,
      lines: ["$ mv a \\", "     b", "$ npm run check", "No problems."],
    });
    expect(example.content).toBe("tests/fixtures/check-clean");
    expect(example.steps).toEqual([
      { command: "mv a b", line: 11, expected: [] },
      { command: "npm run check", line: 13, expected: ["No problems."] },
    ]);
  });
});

describe("every example of command output in the docs", () => {
  it("is in a console block, so that it is checked", () => {
    const unchecked = documents().flatMap((document) =>
      fencedBlocks(readDocument(document))
        .filter((block) => block.language !== "console")
        .flatMap((block) =>
          block.lines
            .map((text, i) => ({ text, line: block.line + 1 + i }))
            .filter(({ text }) => text.startsWith("$ ") || REPORT_LINE.test(text))
            .map(({ line, text }) => `${document}:${line}: ${text.slice(0, 80)}`),
        ),
    );
    expect(
      unchecked,
      "command output outside a ```console block is not checked: tag the block console",
    ).toEqual([]);
  });

  it("shows a file as it is when the block names it (file=<path>)", () => {
    const blocks = documents().flatMap((document) =>
      fencedBlocks(readDocument(document)).flatMap((block) => {
        const file = /(?:^|\s)file=(\S+)/.exec(block.info)?.[1];
        return file ? [{ document, block, file }] : [];
      }),
    );
    expect(blocks.length).toBeGreaterThan(0);
    for (const { document, block, file } of blocks) {
      const actual = normalizeOutput(readFileSync(path.join(ROOT, file), "utf8").split("\n"));
      const shown = normalizeOutput(block.lines);
      expect(
        shown,
        `${document}:${block.line} shows ${file} (compared line for line; … is literal here)`,
      ).toEqual(actual);
    }
  });

  it("includes a failed build, npm run check's warnings and a successful build", () => {
    const commands = examples.flatMap((e) => e.steps.map((s) => s.command));
    expect(commands).toContain("npm run build -- --content tests/fixtures/broken");
    expect(commands).toContain("npm run check -- --content tests/fixtures/check-warnings");
    const outputs = examples.flatMap((e) => e.steps.flatMap((s) => s.expected));
    expect(outputs.some((line) => line.startsWith("Built "))).toBe(true);
    expect(outputs.some((line) => line.startsWith("Build failed: nothing was written"))).toBe(true);
  });

  for (const example of examples) {
    const first = example.steps[0]?.command ?? "";
    it(`${example.document}:${example.line} ($ ${first}) prints what the docs show`, async () => {
      expect(example.steps.length, "a console block needs at least one $ command").toBeGreaterThan(0);
      const scratch = await scratchProject(example.content);
      try {
        for (const step of example.steps) {
          const { output } = await runStep(step.command, scratch.dir);
          const actual = normalizeOutput(output);
          const expected = normalizeOutput(step.expected);
          const result = compareOutput(expected, actual);
          if (!result.ok) {
            const expectedLine = expected[result.expectedIndex];
            throw new Error(
              [
                `${example.document}, the console block at line ${example.line}, "$ ${step.command}" (line ${step.line}):`,
                `the output differs at line ${step.line + 1 + result.expectedIndex} of the document`,
                `  expected: ${expectedLine === undefined ? "(end of output)" : expectedLine}`,
                `  actual:   ${actual[result.actualIndex] ?? "(end of output)"}`,
                "",
                "The whole output:",
                ...actual,
              ].join("\n"),
            );
          }
        }
      } finally {
        await scratch.dispose();
      }
    }, 180_000);
  }
});
