import axe from "axe-core";
import type { Page } from "playwright-core";

/** The WCAG 2.0 and 2.1 A and AA rules. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AxeViolation {
  /** The axe rule id, e.g. `image-alt`. */
  id: string;
  impact: string | null;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

interface AxeGlobals {
  axe: { run(context: unknown, options: axe.RunOptions): Promise<axe.AxeResults> };
  document: unknown;
}

/** Injects axe-core into the loaded page and runs the WCAG 2.1 A/AA rules; returns the violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const g = globalThis as unknown as AxeGlobals;
    const results = await g.axe.run(g.document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, WCAG_TAGS);
}

/** One line per violation, for failure messages. */
export function formatViolations(url: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => `${url}: ${v.id} (${v.impact ?? "?"}) ${v.help}: ${v.targets.join(", ")}`)
    .join("\n");
}
