// Summaries are rendered when an article is validated (src/content/summary.ts), so that the content cache
// keeps them with the article; the site renders one itself only for an input made without it.
export { type RenderedSummary, renderSummary } from "../content/summary.ts";
