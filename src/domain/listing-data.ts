import type { Author } from './article.js';
import { sameAsOf } from './article.js';
import { mediaUrl, variantName, variantWidths } from './media.js';
import type { SiteSettings } from './settings.js';
import {
  authorUrl,
  breadcrumbList,
  collectionPageJsonLd,
  homeCrumb,
  homeUrl,
  jsonLdGraph,
  person,
  websiteId,
  type JsonLdNode,
} from './structured-data.js';
import { pageHref, tagPath } from './listing-path.js';

/**
 * JSON-LD of the listing pages, from domain values: a tag page is a CollectionPage within the site, an author page
 * a ProfilePage whose main entity is the author as a Person (the same `url` an article's byline gives, so search
 * engines join the two). Each comes with its trail: home › tag, home › author.
 */

type Settings = SiteSettings;

export const tagUrl = (settings: Pick<SiteSettings, 'baseUrl'>, slug: string): string =>
  settings.baseUrl + tagPath(slug);

export const tagDescription = (settings: Pick<SiteSettings, 'publicationName'>, name: string): string =>
  `Articles about ${name} from ${settings.publicationName}, newest first.`;

export function tagPageJsonLd(settings: Settings, tag: { slug: string; name: string; page: number }): JsonLdNode {
  const url = tagUrl(settings, tag.slug);
  return collectionPageJsonLd(
    settings,
    { name: tag.name, url: pageHref(url, tag.page), description: tagDescription(settings, tag.name) },
    [homeCrumb(settings), { name: tag.name, url }],
  );
}

export const authorDescription = (settings: Pick<SiteSettings, 'publicationName'>, author: Author): string =>
  author.bio.trim() || `Articles by ${author.name} for ${settings.publicationName}.`;

/** The author's photo at its largest kept width, as a JPEG (the most widely read). */
function photoUrl(settings: Pick<SiteSettings, 'baseUrl'>, photo: NonNullable<Author['photo']>): string {
  const width = variantWidths(photo.width).at(-1)!;
  return settings.baseUrl + mediaUrl(photo.mediaId, photo.hash, variantName(width, 'jpg'));
}

/** The Person an author page is about: what an article's byline says of them, with their photo and bio. */
export function authorPerson(settings: Settings, author: Author): JsonLdNode {
  const bio = author.bio.trim();
  return {
    ...person(settings, { name: author.name, slug: author.slug, jobTitle: author.jobTitle, sameAs: sameAsOf(author) }),
    '@id': `${authorUrl(settings, author.slug)}#person`,
    ...(author.photo ? { image: photoUrl(settings, author.photo) } : {}),
    ...(bio ? { description: bio } : {}),
  };
}

export function authorPageJsonLd(settings: Settings, author: Author, page: number): JsonLdNode {
  const url = authorUrl(settings, author.slug);
  const profile: JsonLdNode = {
    '@type': 'ProfilePage',
    '@id': pageHref(url, page),
    url: pageHref(url, page),
    name: author.name,
    description: authorDescription(settings, author),
    inLanguage: settings.language,
    isPartOf: {
      '@type': 'WebSite',
      '@id': websiteId(settings),
      url: homeUrl(settings),
      name: settings.publicationName,
    },
    mainEntity: authorPerson(settings, author),
  };
  return jsonLdGraph([profile, breadcrumbList([homeCrumb(settings), { name: author.name, url }])]);
}
