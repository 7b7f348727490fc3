import type { EntityKind } from "./types.ts";

/** The one place that builds Dateline's URLs. Every URL is root-relative and ends with a slash. */

export const KIND_SEGMENT: Record<EntityKind, string> = {
  person: "people",
  organization: "organizations",
};

export function articleUrl(datePath: string, slug: string): string {
  return `/${datePath}/${slug}/`;
}

export function directoryUrl(kind: EntityKind): string {
  return `/${KIND_SEGMENT[kind]}/`;
}

export function entityUrl(kind: EntityKind, slug: string): string {
  return `${directoryUrl(kind)}${slug}/`;
}

/** Page 1 of a listing lives at its base URL; page N ≥ 2 at `<base>page/N/`. */
export function listPageUrl(baseUrl: string, pageNumber: number): string {
  return pageNumber <= 1 ? baseUrl : `${baseUrl}page/${pageNumber}/`;
}

export function absoluteUrl(siteBaseUrl: string, url: string): string {
  return new URL(url, `${siteBaseUrl}/`).href;
}
