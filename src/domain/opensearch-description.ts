/**
 * The OpenSearch 1.1 description of an edition's search (issue 15): what lets a browser add the site as a search
 * engine from `<link rel="search">`. Pure: the route serves it.
 */
import { FAVICON_SIZES, PNG_ICONS, type PngIconPath } from './site-icons.js';
import { escapeXml } from './sitemap.js';

export const OPENSEARCH_CONTENT_TYPE = 'application/opensearchdescription+xml';
const NAMESPACE = 'http://a9.com/-/spec/opensearch/1.1/';
/** The specification's limits: ShortName 16 characters, Description 1024. */
export const MAX_SHORT_NAME_CHARS = 16;
const MAX_DESCRIPTION_CHARS = 1024;
/** Beside the favicon, one larger icon for browsers that show a search engine's icon big. */
const APP_ICON: PngIconPath = '/icon-192.png';

export interface OpenSearchSite {
  publicationName: string;
  shortName: string;
  tagline: string;
  language: string;
  /** The site's public address, no trailing slash. */
  baseUrl: string;
  /** The edition's search page and this file: "/search" and "/opensearch.xml", or "/ja/search" and "/ja/opensearch.xml". */
  searchPath: string;
  descriptionPath: string;
}

/** The publication's name if it fits in 16 characters, else its short name, cut to 16 if need be. */
export function openSearchShortName(site: Pick<OpenSearchSite, 'publicationName' | 'shortName'>): string {
  const fits = [site.publicationName, site.shortName].map((name) => name.trim()).find(fitsShortName);
  return fits ?? cut(site.shortName.trim(), MAX_SHORT_NAME_CHARS);
}

export function openSearchDescription(site: OpenSearchSite): string {
  const description = site.tagline.trim() ? `${site.publicationName}: ${site.tagline.trim()}` : site.publicationName;
  const favicon = FAVICON_SIZES[0];
  const appIcon = PNG_ICONS[APP_ICON];
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<OpenSearchDescription xmlns="${NAMESPACE}">`,
    element('ShortName', openSearchShortName(site)),
    element('Description', cut(description, MAX_DESCRIPTION_CHARS)),
    element('InputEncoding', 'UTF-8'),
    element('OutputEncoding', 'UTF-8'),
    element('Language', site.language),
    // The icons are always there: drawn from the initials when no logo was uploaded (icon-routes.ts).
    `<Image height="${favicon}" width="${favicon}" type="image/x-icon">${escapeXml(`${site.baseUrl}/favicon.ico`)}</Image>`,
    `<Image height="${appIcon}" width="${appIcon}" type="image/png">${escapeXml(site.baseUrl + APP_ICON)}</Image>`,
    `<Url type="text/html" method="get" template="${escapeXml(`${site.baseUrl}${site.searchPath}?q={searchTerms}`)}"/>`,
    `<Url type="${OPENSEARCH_CONTENT_TYPE}" rel="self" template="${escapeXml(site.baseUrl + site.descriptionPath)}"/>`,
    '</OpenSearchDescription>',
  ];
  return `${lines.join('\n')}\n`;
}

const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;

const fitsShortName = (name: string): boolean => name !== '' && [...name].length <= MAX_SHORT_NAME_CHARS;

/** The first `max` characters (code points, so no surrogate pair is split), without a space left at the end. */
const cut = (text: string, max: number): string => [...text].slice(0, max).join('').trimEnd();
