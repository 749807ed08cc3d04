import { isoWithOffset } from './dateline.js';
import type { SiteSettings } from './settings.js';
import { GENERATED_LOGO } from './structured-data.js';

/**
 * Open Graph and Twitter card tags: what a shared link shows. Every address is absolute; article times are local
 * wall time with the site's offset, written like the JSON-LD's.
 */

/** A card image: the 1200×630 crop of an article's photo, else the publication's icon. */
export interface CardImage {
  url: string;
  width: number;
  height: number;
  alt: string;
}

export interface CardArticle {
  publishedAt: Date;
  modifiedAt: Date;
  section: string;
  tags: readonly string[];
  /** Absolute addresses of the authors' pages. */
  authorUrls: readonly string[];
}

export interface CardInput {
  settings: Pick<SiteSettings, 'baseUrl' | 'publicationName' | 'language' | 'timeZone' | 'twitterHandle'>;
  title: string;
  description: string;
  /** Absolute canonical URL. */
  url: string;
  image: CardImage | null;
  article?: CardArticle | undefined;
}

/** `property` for Open Graph, `name` for Twitter, as each specification says. */
export interface MetaTag {
  attr: 'property' | 'name';
  key: string;
  content: string;
}

const og = (key: string, content: string): MetaTag => ({ attr: 'property', key, content });
const tw = (key: string, content: string): MetaTag => ({ attr: 'name', key, content });

/** "en-GB" → "en_GB"; Open Graph's locale is language_TERRITORY, and a bare language is kept as it is. */
export const ogLocale = (language: string): string => {
  const [lang, region] = language.split('-');
  return region && /^[a-zA-Z]{2}$/.test(region)
    ? `${lang!.toLowerCase()}_${region.toUpperCase()}`
    : lang!.toLowerCase();
};

/** The publication's drawn or uploaded icon stands in for a page without a photo. */
const imageOf = (input: CardInput): CardImage =>
  input.image ?? {
    url: input.settings.baseUrl + GENERATED_LOGO.path,
    width: GENERATED_LOGO.width,
    height: GENERATED_LOGO.height,
    alt: input.settings.publicationName,
  };

const openGraph = (input: CardInput): MetaTag[] => {
  const image = imageOf(input);
  return [
    og('og:type', input.article ? 'article' : 'website'),
    og('og:title', input.title),
    ...(input.description ? [og('og:description', input.description)] : []),
    og('og:url', input.url),
    og('og:site_name', input.settings.publicationName),
    og('og:locale', ogLocale(input.settings.language)),
    og('og:image', image.url),
    og('og:image:width', String(image.width)),
    og('og:image:height', String(image.height)),
    og('og:image:alt', image.alt),
  ];
};

const articleTags = ({ article, settings }: CardInput): MetaTag[] =>
  article
    ? [
        og('article:published_time', isoWithOffset(article.publishedAt, settings.timeZone)),
        og('article:modified_time', isoWithOffset(article.modifiedAt, settings.timeZone)),
        og('article:section', article.section),
        ...article.tags.map((t) => og('article:tag', t)),
        ...article.authorUrls.map((a) => og('article:author', a)),
      ]
    : [];

/** A large card when there is a photo to show; the icon alone makes a small one. */
const twitterCard = (input: CardInput): MetaTag[] => {
  const image = imageOf(input);
  return [
    tw('twitter:card', input.image ? 'summary_large_image' : 'summary'),
    tw('twitter:title', input.title),
    ...(input.description ? [tw('twitter:description', input.description)] : []),
    tw('twitter:image', image.url),
    tw('twitter:image:alt', image.alt),
    ...(input.settings.twitterHandle ? [tw('twitter:site', input.settings.twitterHandle)] : []),
  ];
};

export const socialMeta = (input: CardInput): MetaTag[] => [
  ...openGraph(input),
  ...articleTags(input),
  ...twitterCard(input),
];
