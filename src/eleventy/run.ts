import { fileURLToPath } from "node:url";
import Eleventy from "@11ty/eleventy";
import type { Site } from "../types.ts";
import type { EleventyConfig } from "./config-types.ts";
import datelinePlugin from "./plugin.ts";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Renders a checked `Site` into `outDir` with Eleventy. Returns the number of files written. */
export async function renderSite(site: Site, outDir: string, onWrite?: () => void): Promise<number> {
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config: (config: EleventyConfig) => {
      config.benchmarks?.config?.setMinimumThresholdMs(0);
      datelinePlugin(config, onWrite ? { site, onWrite } : { site });
    },
  });
  eleventy.disableLogger(); // the CLI prints its own one-line summary
  const results = (await eleventy.write()) as unknown;
  return countWritten(results);
}

function countWritten(results: unknown): number {
  // Eleventy 3 resolves `write()` to [passthroughCopies, templateResults]; each may be nested.
  if (!Array.isArray(results)) return 0;
  return results
    .flat(Number.POSITIVE_INFINITY)
    .filter((r) => typeof r === "object" && r !== null && "outputPath" in r).length;
}
