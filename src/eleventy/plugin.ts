import { writeDataFiles } from "../data-files.ts";
import { hasErrors } from "../diagnostics.ts";
import { formatReport } from "../report.ts";
import { type BuildSiteOptions, buildSite } from "../site.ts";
import { articleJsonLd, entityJsonLd } from "../structured-data.ts";
import type { Article, EntityProfile, Site } from "../types.ts";
import { absoluteUrl } from "../urls.ts";
import type { EleventyConfig } from "./config-types.ts";

export type DatelinePluginOptions =
  /** A site already built and checked by the CLI; `onWrite` is told of every page rendered. */
  | { site: Site; onWrite?: () => void }
  /** Load the content on every build (dev server): errors are printed and the last good site is kept. */
  | (BuildSiteOptions & { site?: undefined });

/**
 * The only Eleventy-aware code: hands the data layer's `Site` to the templates as the global `site`, adds
 * the filters that turn data-layer values into text (absolute URLs, JSON-LD), and writes the data files
 * (feeds, sitemaps, robots.txt) after the pages. Templates compute nothing else.
 */
export default function datelinePlugin(eleventyConfig: EleventyConfig, options: DatelinePluginOptions): void {
  let current: Site | undefined = options.site;
  const site = (): Site => {
    if (!current) throw new Error("Dateline: no site loaded");
    return current;
  };

  if (options.site === undefined) {
    const loadOptions: BuildSiteOptions = options;
    eleventyConfig.addWatchTarget(loadOptions.contentDir);
    eleventyConfig.on("eleventy.before", async () => {
      const result = await buildSite(loadOptions);
      const report = formatReport(result.diagnostics);
      if (report) console.error(report);
      if (result.site) current = result.site;
      else if (!current) throw new Error("the content has errors and there is no earlier good build to show");
      else if (hasErrors(result.diagnostics))
        console.error("Dateline: showing the last good build until the errors above are fixed.");
    });
  }

  const onWrite = options.site ? options.onWrite : undefined;
  if (onWrite) {
    eleventyConfig.addTransform("dateline-progress", (content: string) => {
      onWrite();
      return content;
    });
  }

  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addGlobalData("site", () => current);
  // Feeds, sitemaps and robots.txt are data, written straight from the Site after the pages.
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    await writeDataFiles(site(), directories.output, onWrite);
  });
  eleventyConfig.addFilter("absoluteUrl", (url: string) => absoluteUrl(site().settings.baseUrl, url));
  eleventyConfig.addFilter("articleJsonLd", (article: Article) => articleJsonLd(article, site().settings));
  eleventyConfig.addFilter("entityJsonLd", (entity: EntityProfile) => entityJsonLd(entity, site().settings));
}
