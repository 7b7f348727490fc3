import type { Article, FrontPage, SectionLink } from "../core/types.ts";

/** How many of each section's newest stories the front page shows. */
export const FRONT_SECTION_SIZE = 3;

/**
 * The front page of a language (page 1 of its home listing): the newest story as the lead, then the newest
 * `FRONT_SECTION_SIZE` stories of each section that has any (the lead left out), then the rest of page 1, so
 * that `/page/2/` carries on from where the front page stops.
 */
export function frontPage(
  pageItems: readonly Article[],
  articles: readonly Article[],
  sections: readonly SectionLink[],
): FrontPage {
  const [lead, ...latest] = pageItems;
  return {
    ...(lead ? { lead } : {}),
    sections: sections
      .map((section) => ({
        section,
        articles: articles
          .filter((a) => a !== lead && a.section?.slug === section.slug)
          .slice(0, FRONT_SECTION_SIZE),
      }))
      .filter((block) => block.articles.length > 0),
    latest,
  };
}
