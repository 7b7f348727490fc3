import type { Site } from "../core/types.ts";

/**
 * How the output depends on the build's moment, all in one place: an article's status (a scheduled
 * article becomes due), and the news sitemap's window. Everything else a page shows comes from the
 * content, so the same content gives the same output until `validUntil`.
 */

/** The news sitemap lists the articles published in this window before the build (Google News: 48 hours). */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;

/**
 * When an empty feed was last updated: when the site's newest article was published (so the same content
 * gives the same feed at any build time); the build time only for a site without articles.
 */
export function emptyFeedTime(site: Pick<Site, "articles" | "buildTime">): string {
  return site.articles[0]?.date.iso ?? site.buildTime;
}

/**
 * Until when (epoch ms) the output of `site` stays what a build would write: the next scheduled article
 * (`nextScheduled`) and the moment the oldest article in the news window leaves it; undefined when neither
 * applies. A site without articles depends on the build time (its empty feeds): it is valid only now.
 */
export function validUntil(site: Site, nextScheduled: number | undefined): number | undefined {
  const now = Date.parse(site.buildTime);
  if (site.articles.length === 0) return now;
  let until = nextScheduled;
  for (const a of site.articles) {
    const leaves = a.date.epoch + NEWS_WINDOW_MS;
    if (a.status === "published" && a.date.epoch <= now && leaves > now)
      until = until === undefined ? leaves : Math.min(until, leaves);
  }
  return until;
}
