import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { tsImport } from "tsx/esm/api";
import { PHOTO_CACHE_DIR, SRC_DIR, TEMPLATES_DIR } from "../core/paths.ts";
import type { Site } from "../core/types.ts";
import type { Filter } from "../render/filters.ts";
import type { OnWrite, PageSelection } from "../render/renderer.ts";
import type { BuildSiteOptions } from "../site/site.ts";
import type { EleventyConfig } from "./config-types.ts";
import * as staticRuntime from "./runtime.ts";

type Runtime = typeof staticRuntime;

/** A fresh copy of the data layer, loaded after `src/` changed: Node would otherwise keep the old modules. */
async function reloadRuntime(): Promise<Runtime> {
  return (await tsImport("./runtime.ts", import.meta.url)) as Runtime;
}

export type DatelinePluginOptions =
  /**
   * A site already built and checked by the CLI: `select` says which data-driven pages to write (all when
   * absent), and `onWrite` is told of every file written, with its text.
   */
  | { site: Site; select?: PageSelection; onWrite?: OnWrite }
  /** Load the content on every build (dev server): errors are printed and the last good site is kept. */
  | (BuildSiteOptions & { site?: undefined });

/**
 * The only Eleventy-aware code. Eleventy is the host: its config, its dev server and live reload, and the
 * pages that are not data-driven (404, search, stylesheet). The data-driven templates (those whose front
 * matter paginates) are left to the one renderer (src/render/renderer.ts), which this plugin runs inside
 * Eleventy's build, in the dev server and the production build alike; then the data files (feeds,
 * sitemaps, robots.txt). The templates get the Site as the global `site`, and the filters of
 * `registerFilters`.
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
        collectFilters();
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
  const select = options.site ? options.select : undefined;
  // The dev server records what it writes (path → hash), so its folder's manifest lists it all.
  const devWritten = new Map<string, string>();
  const devRoot = { dir: "" };
  const recordDev: OnWrite = (file, content) => {
    const relative = path.relative(devRoot.dir, path.resolve(file)).split(path.sep).join("/");
    devWritten.set(relative, createHash("sha1").update(content).digest("hex"));
  };
  const onWrite: OnWrite = options.site ? (options.onWrite ?? (() => {})) : recordDev;
  eleventyConfig.addTransform(
    "dateline-written",
    function (this: { page: { outputPath: string } }, content: string) {
      onWrite(this.page.outputPath, content);
      return content;
    },
  );

  // The filters come from the runtime, so that a reloaded runtime's filters are used by both renderers.
  const filters = new Map<string, Filter>();
  const collectFilters = () => runtime.registerFilters((name, filter) => filters.set(name, filter), site);
  collectFilters();
  for (const name of filters.keys())
    eleventyConfig.addFilter(name, (...args: never[]) =>
      (filters.get(name) as (...a: never[]) => unknown)(...args),
    );

  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addGlobalData("site", () => current);
  // Eleventy leaves the data-driven templates to the renderer.
  for (const file of runtime.paginatedTemplates(TEMPLATES_DIR))
    eleventyConfig.ignores.add(path.relative(process.cwd(), file.file).split(path.sep).join("/"));

  eleventyConfig.on("eleventy.before", ({ directories }: { directories: { output: string } }) => {
    devRoot.dir = path.resolve(directories.output);
  });
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const renderer = new runtime.Renderer(TEMPLATES_DIR, site);
    const writing = { ...(select ? { select } : {}), onWrite };
    await renderer.write(directories.output, writing);
    await runtime.writeDataFiles(site(), directories.output, writing);
    if (!options.site) {
      // The production build writes photos itself (into staging); the dev server writes them here.
      const photos = await runtime.writePhotos(site().photos, directories.output, {
        cacheDir: PHOTO_CACHE_DIR,
        published: async (file, hash) =>
          devWritten.get(file) === hash && existsSync(path.join(devRoot.dir, file)),
      });
      for (const [file, hash] of photos.written) devWritten.set(file, hash);
      await runtime.markAsOutput(directories.output, devWritten);
    }
  });
}
