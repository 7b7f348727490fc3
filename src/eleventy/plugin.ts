import { hasErrors } from "../diagnostics.ts";
import { formatReport } from "../report.ts";
import { type BuildSiteOptions, buildSite } from "../site.ts";
import type { Site } from "../types.ts";
import { absoluteUrl } from "../urls.ts";
import type { EleventyConfig } from "./config-types.ts";

export type DatelinePluginOptions =
  /** A site already built and checked by the CLI. */
  | { site: Site }
  /** Load the content on every build (dev server): errors are printed and the last good site is kept. */
  | (BuildSiteOptions & { site?: undefined });

/**
 * The only Eleventy-aware code: hands the data layer's `Site` to the templates as the global `site`,
 * and adds the few filters templates need.
 */
export default function datelinePlugin(eleventyConfig: EleventyConfig, options: DatelinePluginOptions): void {
  let current: Site | undefined = options.site;

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

  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.addGlobalData("site", () => current);
  eleventyConfig.addFilter("absoluteUrl", (url: string) => absoluteUrl(current?.settings.baseUrl ?? "", url));
}
