import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { SRC_DIR } from "../core/paths.ts";
import type { Site } from "../core/types.ts";
import type { BuildSiteOptions } from "../site/site.ts";
import type { EleventyConfig } from "./config-types.ts";
import * as staticRuntime from "./runtime.ts";

type Runtime = typeof staticRuntime;
/** Told of each file written: its path and its text. */
export type OnWrite = (outputPath: string, content: string) => void;

/** A fresh copy of the data layer, loaded after `src/` changed: Node would otherwise keep the old modules. */
async function reloadRuntime(): Promise<Runtime> {
  return (await tsImport("./runtime.ts", import.meta.url)) as Runtime;
}

export type DatelinePluginOptions =
  /** A site already built and checked by the CLI; `onWrite` is told of every file written, with its text. */
  | { site: Site; onWrite?: OnWrite }
  /** Load the content on every build (dev server): errors are printed and the last good site is kept. */
  | (BuildSiteOptions & { site?: undefined });

/**
 * The only Eleventy-aware code: hands the data layer's `Site` to the templates as the global `site`, adds
 * the filters that turn data-layer values into text (absolute URLs, JSON-LD), and writes the data files
 * (feeds, sitemaps, robots.txt) after the pages. Templates compute nothing else.
 */
export default function datelinePlugin(eleventyConfig: EleventyConfig, options: DatelinePluginOptions): void {
  let current: Site | undefined = options.site;
  let runtime: Runtime = staticRuntime;
  const site = (): Site => {
    if (!current) throw new Error("Dateline: no site loaded");
    return current;
  };

  if (options.site === undefined) {
    const loadOptions: BuildSiteOptions = options;
    let srcChanged = false;
    eleventyConfig.addWatchTarget(loadOptions.contentDir);
    eleventyConfig.addWatchTarget(SRC_DIR);
    eleventyConfig.on("eleventy.beforeWatch", (changed: string[]) => {
      if (changed.some((file) => path.resolve(file).startsWith(SRC_DIR))) srcChanged = true;
    });
    eleventyConfig.on("eleventy.before", async () => {
      if (srcChanged) {
        runtime = await reloadRuntime();
        srcChanged = false;
      }
      const result = await runtime.buildSite(loadOptions);
      const report = runtime.formatReport(result.diagnostics);
      if (report) console.error(report);
      if (result.site) current = result.site;
      else if (!current) throw new Error("the content has errors and there is no earlier good build to show");
      else if (runtime.hasErrors(result.diagnostics))
        console.error("Dateline: showing the last good build until the errors above are fixed.");
    });
  }

  const onWrite = options.site ? options.onWrite : undefined;
  if (onWrite) {
    eleventyConfig.addTransform(
      "dateline-written",
      function (this: { page: { outputPath: string } }, content: string) {
        onWrite(this.page.outputPath, content);
        return content;
      },
    );
  }

  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addGlobalData("site", () => current);
  // Feeds, sitemaps and robots.txt are data, written straight from the Site after the pages.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await runtime.writeDataFiles(site(), directories.output, onWrite);
    if (!options.site) await runtime.markAsOutput(directories.output);
  });
  // Looked up on each call, so that a reloaded runtime's filters are used.
  for (const name of ["absoluteUrl", "articleJsonLd", "entityJsonLd"] as const) {
    eleventyConfig.addFilter(name, (value: never) => runtime.templateFilters(site)[name](value));
  }
}
