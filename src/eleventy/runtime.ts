/**
 * Everything from the data layer that the Eleventy plugin calls, in one module, so that the dev server can
 * load a fresh copy of it after an edit to `src/` (see `reloadRuntime` in plugin.ts).
 */
export { hasErrors } from "../core/diagnostics.ts";
export { formatReport } from "../core/report.ts";
export { markAsOutput } from "../publish/manifest.ts";
export { writeDataFiles } from "../render/data-files.ts";
export { registerFilters } from "../render/filters.ts";
export { writePhotos } from "../render/photos.ts";
export { Renderer } from "../render/renderer.ts";
export { paginatedTemplates } from "../render/templates.ts";
export { buildSite } from "../site/site.ts";
