/**
 * Everything from the data layer that the Eleventy plugin calls, in one module, so that the dev server can
 * load a fresh copy of it after an edit to `src/` (see `reloadRuntime` in plugin.ts).
 */
export { writeDataFiles } from "../data-files.ts";
export { hasErrors } from "../diagnostics.ts";
export { markAsOutput } from "../incremental.ts";
export { formatReport } from "../report.ts";
export { buildSite } from "../site.ts";
export { templateFilters } from "./filters.ts";
