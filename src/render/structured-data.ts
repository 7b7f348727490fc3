import type {
  BreadcrumbList,
  ListItem,
  NewsArticle,
  Organization,
  Person,
  Place,
  ProfilePage,
  Thing,
  WithContext,
} from "schema-dts";
import type {
  Article,
  AuthorProfile,
  EntityProfile,
  EntityRef,
  Language,
  SiteSettings,
} from "../core/types.ts";
import { absoluteUrl, directoryUrl } from "../core/urls.ts";

/**
 * JSON-LD for articles and entity pages, typed with schema-dts so that a wrong property name fails the type
 * check. Returned as a string ready for `<script type="application/ld+json">`.
 */

function publisher(settings: SiteSettings): Organization {
  return { "@type": "Organization", name: settings.title, url: absoluteUrl(settings.baseUrl, "/") };
}

interface ThingDetails {
  description?: string;
  image?: string;
  alternateName?: string[];
}

function entityThing(
  ref: EntityRef,
  settings: SiteSettings,
  details: ThingDetails = {},
  jobTitle?: string,
): Person | Organization | Place {
  const common = {
    name: ref.name,
    url: absoluteUrl(settings.baseUrl, ref.url),
    ...(ref.sameAs.length > 0 ? { sameAs: ref.sameAs } : {}),
    ...details,
  };
  if (ref.kind === "person") return { "@type": "Person", ...common, ...(jobTitle ? { jobTitle } : {}) };
  if (ref.kind === "organization") return { "@type": "Organization", ...common };
  return { "@type": "Place", ...common };
}

/**
 * The article's `author`: a `Person` with the URL of the author page (and `sameAs` from the author file) for
 * each name of the byline; the publisher when there is none (agency copy keeps its `source` as
 * `sourceOrganization`).
 */
function articleAuthors(article: Article, settings: SiteSettings): Person[] | Organization {
  if (article.authors && article.authors.length > 0)
    return article.authors.map(
      (a): Person => ({
        "@type": "Person",
        name: a.name,
        url: absoluteUrl(settings.baseUrl, a.url),
        ...(a.sameAs.length > 0 ? { sameAs: a.sameAs } : {}),
      }),
    );
  if (article.author) return [{ "@type": "Person", name: article.author }];
  return publisher(settings);
}

/** JSON-LD of an author page: a `ProfilePage` whose main entity is the author as a `Person`. */
export function authorJsonLd(author: AuthorProfile, settings: SiteSettings, lang: Language): string {
  const url = absoluteUrl(settings.baseUrl, author.url);
  const person: Person = {
    "@type": "Person",
    name: author.name,
    url,
    ...(author.sameAs.length > 0 ? { sameAs: author.sameAs } : {}),
    ...(author.role ? { jobTitle: author.role } : {}),
    ...(author.bio ? { description: author.bio } : {}),
    ...(author.image ? { image: absoluteUrl(settings.baseUrl, author.image) } : {}),
    ...(author.email ? { email: author.email } : {}),
  };
  const page: WithContext<ProfilePage> = {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url,
    name: author.name,
    inLanguage: lang.tag,
    mainEntity: person,
  };
  return serialize(page);
}

function breadcrumbs(items: { name: string; url: string }[], settings: SiteSettings): BreadcrumbList {
  return {
    "@type": "BreadcrumbList",
    itemListElement: items.map(
      (item, i): ListItem => ({
        "@type": "ListItem",
        position: i + 1,
        name: item.name,
        item: absoluteUrl(settings.baseUrl, item.url),
      }),
    ),
  };
}

/** Serializes JSON-LD so that it cannot close its `<script>` element early. */
function serialize(data: WithContext<Thing> | WithContext<Thing>[]): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

export function articleJsonLd(article: Article, settings: SiteSettings): string {
  const url = absoluteUrl(settings.baseUrl, article.url);
  const news: WithContext<NewsArticle> = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": url,
    mainEntityOfPage: url,
    url,
    headline: article.title,
    datePublished: article.date.iso,
    dateModified: article.modified?.iso ?? article.updated?.iso ?? article.date.iso,
    inLanguage: article.lang.tag,
    publisher: publisher(settings),
    author: articleAuthors(article, settings),
    ...(article.dateline ? { dateline: article.dateline } : {}),
    ...(article.section ? { articleSection: article.section.title } : {}),
    // Google wants the lead photo at 16:9, 4:3 and 1:1, each at least 1,200 px wide.
    ...(article.image ? { image: article.image.crops.map((c) => absoluteUrl(settings.baseUrl, c.url)) } : {}),
    ...(article.summary ? { description: article.summary } : {}),
    ...(article.source ? { sourceOrganization: { "@type": "Organization", name: article.source } } : {}),
    mentions: [...article.people, ...article.organizations, ...article.places].map((r) =>
      entityThing(r, settings),
    ),
  };
  const crumbs: WithContext<BreadcrumbList> = {
    "@context": "https://schema.org",
    ...breadcrumbs(
      [
        { name: settings.title, url: article.lang.homeUrl },
        { name: article.archive.year, url: article.archive.yearUrl },
        { name: article.archive.month, url: article.archive.monthUrl },
        { name: article.title, url: article.url },
      ],
      settings,
    ),
  };
  return serialize([news, crumbs]);
}

/** JSON-LD of an entity page in `lang`: its directory is named in the language (`lang.nav`). */
export function entityJsonLd(entity: EntityProfile, settings: SiteSettings, lang: Language): string {
  const described = entityThing(
    entity,
    settings,
    {
      ...(entity.description ? { description: entity.description } : {}),
      ...(entity.image ? { image: absoluteUrl(settings.baseUrl, entity.image) } : {}),
      ...(entity.aliases.length > 0 ? { alternateName: entity.aliases } : {}),
    },
    entity.role,
  );
  const url = absoluteUrl(settings.baseUrl, entity.url);
  const directoryLink = directoryUrl(entity.kind, lang.prefix);
  const directory = lang.nav.find((item) => item.url === directoryLink) ?? { title: "", url: directoryLink };
  const page: WithContext<ProfilePage> = {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url,
    name: entity.name,
    inLanguage: lang.tag,
    mainEntity: described,
    ...(entity.latestSeen ? { dateModified: entity.latestSeen.iso } : {}),
  };
  const crumbs: WithContext<BreadcrumbList> = {
    "@context": "https://schema.org",
    ...breadcrumbs(
      [
        { name: settings.title, url: lang.homeUrl },
        { name: directory.title, url: directory.url },
        { name: entity.name, url: entity.url },
      ],
      settings,
    ),
  };
  return serialize([page, crumbs]);
}
