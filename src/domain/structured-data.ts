import type { Article, MainPhoto } from './article.js';
import type { Correction } from './correction.js';
import { isoWithOffset } from './dateline.js';
import { ARTICLE_CROPS, cropFileName, cropSize, mediaUrl, variantName, variantWidths } from './media.js';
import type { SiteSettings } from './settings.js';

/**
 * schema.org JSON-LD for search engines, built from domain values in small steps. Every URL is absolute (the
 * site's base URL); every time is local wall time with the site's offset, as the pages print it. Serialising
 * safely inside <script> is the view's job (Layout's jsonLd).
 */

export type JsonLdNode = Record<string, unknown>;

/** One step of a breadcrumb trail; `url` is absolute. */
export interface Crumb {
  name: string;
  url: string;
}

/** An author as structured data needs them; optional fields are left out when empty. */
export interface PersonInput {
  name: string;
  slug: string;
  jobTitle?: string | null | undefined;
  sameAs?: readonly string[] | undefined;
}

/** An image with its size, as logos and crops are written. */
export interface ImageRef {
  url: string;
  width: number;
  height: number;
}

export const CONTEXT = 'https://schema.org';

/** Several nodes in one script element, each free to point at another by its @id. */
export const jsonLdGraph = (nodes: JsonLdNode[]): JsonLdNode => ({ '@context': CONTEXT, '@graph': nodes });

/** Home › section › subsection, numbered from 1 as the format asks. */
export const breadcrumbList = (items: readonly Crumb[]): JsonLdNode => ({
  '@type': 'BreadcrumbList',
  itemListElement: items.map((crumb, i) => ({
    '@type': 'ListItem',
    position: i + 1,
    name: crumb.name,
    item: crumb.url,
  })),
});

export const homeUrl = (settings: Pick<SiteSettings, 'baseUrl'>): string => `${settings.baseUrl}/`;
export const organizationId = (settings: Pick<SiteSettings, 'baseUrl'>): string => `${settings.baseUrl}/#organization`;
export const websiteId = (settings: Pick<SiteSettings, 'baseUrl'>): string => `${settings.baseUrl}/#website`;

/** The first crumb of every trail. */
export const homeCrumb = (settings: Pick<SiteSettings, 'baseUrl' | 'publicationName'>): Crumb => ({
  name: settings.publicationName,
  url: homeUrl(settings),
});

/** The generated icon when no logo was uploaded (icon-routes draws it from the initials). */
export const GENERATED_LOGO = { path: '/icon-512.png', width: 512, height: 512 } as const;

/** The uploaded logo at its largest kept width (JPEG, the most widely read), or the generated icon. */
export const publisherLogo = (settings: Pick<SiteSettings, 'baseUrl' | 'logo'>): ImageRef => {
  const { logo } = settings;
  if (!logo) return { url: settings.baseUrl + GENERATED_LOGO.path, ...GENERATED_LOGO };
  const width = variantWidths(logo.width).at(-1)!;
  return {
    url: settings.baseUrl + mediaUrl(logo.mediaId, logo.hash, variantName(width, 'jpg')),
    width,
    height: Math.max(1, Math.round((logo.height * width) / logo.width)),
  };
};

const imageObject = (image: ImageRef, extra: JsonLdNode = {}): JsonLdNode => ({
  '@type': 'ImageObject',
  url: image.url,
  width: image.width,
  height: image.height,
  ...extra,
});

/** The publisher as every page names it; `sameAs` only where the organisation itself is described (home). */
export const newsMediaOrganization = (
  settings: Pick<SiteSettings, 'baseUrl' | 'publicationName' | 'logo' | 'sameAs'>,
  { withSameAs }: { withSameAs: boolean } = { withSameAs: true },
): JsonLdNode => ({
  '@type': 'NewsMediaOrganization',
  '@id': organizationId(settings),
  name: settings.publicationName,
  url: homeUrl(settings),
  logo: imageObject(publisherLogo(settings)),
  ...(withSameAs && settings.sameAs.length > 0 ? { sameAs: [...settings.sameAs] } : {}),
});

export const authorUrl = (settings: Pick<SiteSettings, 'baseUrl'>, slug: string): string =>
  `${settings.baseUrl}/author/${encodeURIComponent(slug)}/`;

export const person = (settings: Pick<SiteSettings, 'baseUrl'>, p: PersonInput): JsonLdNode => ({
  '@type': 'Person',
  name: p.name,
  url: authorUrl(settings, p.slug),
  ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
  ...(p.sameAs && p.sameAs.length > 0 ? { sameAs: [...p.sameAs] } : {}),
});

/** The main photo's three crops, each with its size (see domain/media.ts CROPS). */
export const articleImages = (settings: Pick<SiteSettings, 'baseUrl'>, photo: MainPhoto): ImageRef[] =>
  ARTICLE_CROPS.map((crop) => ({
    url: settings.baseUrl + mediaUrl(photo.mediaId, photo.hash, cropFileName(crop)),
    ...cropSize(crop, photo),
  }));

/** What a NewsArticle is made from: the page's prepared values. */
export interface ArticleLdInput {
  settings: SiteSettings;
  article: Pick<Article, 'headline' | 'section' | 'tags' | 'mainPhoto' | 'publishedAt' | 'updatedAt'>;
  authors: readonly PersonInput[];
  /** Absolute canonical URL of the article. */
  url: string;
  description: string;
  /** Published notices, oldest first. */
  corrections: readonly Pick<Correction, 'text' | 'createdAt'>[];
  /** A translation: its source's absolute canonical URL (issue 13). */
  translationOf?: string | null;
  /** A source: its live translations' absolute canonical URLs. */
  translations?: readonly string[];
}

type ArticleStep = (input: ArticleLdInput) => JsonLdNode;

const identity: ArticleStep = ({ article, url, description, settings }) => ({
  headline: article.headline,
  description,
  url,
  mainEntityOfPage: url,
  inLanguage: settings.language,
});

/** The displayed times: first the publication, then the last significant update (an editor's call), else the same. */
const dates: ArticleStep = ({ article, settings }) => {
  const published = article.publishedAt!;
  return {
    datePublished: isoWithOffset(published, settings.timeZone),
    dateModified: isoWithOffset(article.updatedAt ?? published, settings.timeZone),
  };
};

const images: ArticleStep = ({ article, settings }) =>
  article.mainPhoto ? { image: articleImages(settings, article.mainPhoto).map((i) => imageObject(i)) } : {};

const authors: ArticleStep = ({ authors, settings }) =>
  authors.length > 0 ? { author: authors.map((a) => person(settings, a)) } : {};

const publisher: ArticleStep = ({ settings }) => ({
  publisher: newsMediaOrganization(settings, { withSameAs: false }),
});

const topics: ArticleStep = ({ article }) => ({
  articleSection: article.section.name,
  ...(article.tags.length > 0 ? { keywords: [...article.tags] } : {}),
});

/** Dateline has no paywall: every article is free to read. */
const access: ArticleStep = () => ({ isAccessibleForFree: true });

const corrections: ArticleStep = ({ corrections, settings }) =>
  corrections.length > 0
    ? {
        correction: corrections.map((c) => ({
          '@type': 'CorrectionComment',
          text: c.text,
          datePublished: isoWithOffset(c.createdAt, settings.timeZone),
        })),
      }
    : {};

/** Another article named by its canonical URL, which is also its @id. */
const workRef = (url: string): JsonLdNode => ({ '@type': 'NewsArticle', '@id': url, url });

/**
 * A translation points at its source, a source at its translations (issue 13); the article then carries its own
 * URL as its @id, which the other pages' references name. An article with neither prints what it always did.
 */
const translations: ArticleStep = ({ url, translationOf, translations }) => {
  const works = translations ?? [];
  if (!translationOf && works.length === 0) return {};
  return {
    '@id': url,
    ...(translationOf ? { translationOfWork: workRef(translationOf) } : {}),
    ...(works.length > 0 ? { workTranslation: works.map(workRef) } : {}),
  };
};

const ARTICLE_STEPS: readonly ArticleStep[] = [
  identity,
  dates,
  images,
  authors,
  publisher,
  topics,
  access,
  corrections,
  translations,
];

export const newsArticle = (input: ArticleLdInput): JsonLdNode =>
  ARTICLE_STEPS.reduce<JsonLdNode>((node, step) => ({ ...node, ...step(input) }), { '@type': 'NewsArticle' });

/** An article page: the NewsArticle and its trail (home › section › subsection). */
export const articlePageJsonLd = (input: ArticleLdInput, trail: readonly Crumb[]): JsonLdNode =>
  jsonLdGraph([newsArticle(input), breadcrumbList(trail)]);

/**
 * How a search engine may send a reader's query to the site's search (issue 15): the edition's search page,
 * `searchPath` being "/search" or "/ja/search".
 */
export const searchAction = (settings: Pick<SiteSettings, 'baseUrl'>, searchPath: string): JsonLdNode => ({
  '@type': 'SearchAction',
  target: { '@type': 'EntryPoint', urlTemplate: `${settings.baseUrl}${searchPath}?q={search_term_string}` },
  'query-input': 'required name=search_term_string',
});

/** The home page: the site and the organisation behind it; the site's search is the edition's (`searchPath`). */
export const homePageJsonLd = (settings: SiteSettings, searchPath = '/search'): JsonLdNode =>
  jsonLdGraph([
    {
      '@type': 'WebSite',
      '@id': websiteId(settings),
      url: homeUrl(settings),
      name: settings.publicationName,
      ...(settings.tagline ? { description: settings.tagline } : {}),
      inLanguage: settings.language,
      publisher: { '@id': organizationId(settings) },
      potentialAction: searchAction(settings, searchPath),
    },
    newsMediaOrganization(settings),
  ]);

/** A list page (a section front, an author's or a tag's articles) as a CollectionPage within the site. */
export const collectionPage = (
  settings: SiteSettings,
  page: { name: string; url: string; description: string },
): JsonLdNode => ({
  '@type': 'CollectionPage',
  '@id': page.url,
  url: page.url,
  name: page.name,
  description: page.description,
  inLanguage: settings.language,
  isPartOf: { '@type': 'WebSite', '@id': websiteId(settings), url: homeUrl(settings), name: settings.publicationName },
});

export const collectionPageJsonLd = (
  settings: SiteSettings,
  page: { name: string; url: string; description: string },
  trail: readonly Crumb[],
): JsonLdNode => jsonLdGraph([collectionPage(settings, page), breadcrumbList(trail)]);
