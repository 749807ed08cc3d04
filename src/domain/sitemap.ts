import { instantFromZoned, zonedParts } from './dateline.js';

/**
 * Sitemaps as the protocol (sitemaps.org 0.9) and Google's news and image extensions describe them: an index of
 * files, each at most 50,000 URLs; the news file holds what was first published in the last two days, at most
 * 1,000 articles. Everything here is pure: the service hands in rows already made into absolute URLs and dates.
 */

/** The protocol's limit of URLs in one file. */
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads at most this many articles from a news sitemap. */
export const NEWS_SITEMAP_LIMIT = 1_000;
/** Google News takes articles published in the last two days. */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;

export interface SitemapLimits {
  /** URLs in one article file; a month with more is split into parts. */
  urlsPerFile: number;
  /** Articles in the news sitemap. */
  newsCap: number;
}

export const DEFAULT_SITEMAP_LIMITS: SitemapLimits = { urlsPerFile: SITEMAP_URL_LIMIT, newsCap: NEWS_SITEMAP_LIMIT };

export interface YearMonth {
  year: number;
  /** 1–12. */
  month: number;
}

/** The files under /sitemaps/: the pages, the news, and the articles of one month (in parts past the URL limit). */
export type SitemapName = { kind: 'pages' } | { kind: 'news' } | { kind: 'articles'; month: YearMonth; part: number };

const ARTICLES_NAME = /^articles-(\d{4})-(0[1-9]|1[0-2])(?:-([2-9]|[1-9]\d{1,4}))?\.xml$/;

/**
 * The file a name asks for, or null for one that names none. One spelling per file: a first part has no number,
 * and no leading zeros are taken, so every file has a single address (and a single cache entry).
 */
export function parseSitemapName(name: string): SitemapName | null {
  if (name === 'pages.xml') return { kind: 'pages' };
  if (name === 'news.xml') return { kind: 'news' };
  const m = ARTICLES_NAME.exec(name);
  if (!m) return null;
  return { kind: 'articles', month: { year: Number(m[1]), month: Number(m[2]) }, part: m[3] ? Number(m[3]) : 1 };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function sitemapFileName(name: SitemapName): string {
  if (name.kind !== 'articles') return `${name.kind}.xml`;
  const { year, month } = name.month;
  return `articles-${year}-${pad2(month)}${name.part > 1 ? `-${name.part}` : ''}.xml`;
}

/** The month an instant falls in, on the site's calendar. */
export function monthOf(instant: number, timeZone: string): YearMonth {
  const { year, month } = zonedParts(new Date(instant), timeZone);
  return { year, month };
}

const nextMonthOf = ({ year, month }: YearMonth): YearMonth =>
  month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };

/** The instants a month of the site's calendar starts and ends at (end excluded). */
export function monthBounds(ym: YearMonth, timeZone: string): { from: number; to: number } {
  const start = (m: YearMonth) => instantFromZoned({ ...m, day: 1, hour: 0, minute: 0 }, timeZone).getTime();
  return { from: start(ym), to: start(nextMonthOf(ym)) };
}

/** How many live articles were first published in a month, and when the latest of them last changed. */
export interface MonthSummary {
  month: YearMonth;
  count: number;
  lastModified: number;
}

/**
 * Every month of the site's calendar from the one holding `first` to the one holding `last`, in order: the months
 * the sitemap index asks the database about, each a range of the first-publication index.
 */
export function monthsSpanning(first: number, last: number, timeZone: string): YearMonth[] {
  const months: YearMonth[] = [];
  const end = monthOf(last, timeZone);
  for (let m = monthOf(first, timeZone); m.year < end.year || (m.year === end.year && m.month <= end.month);) {
    months.push(m);
    m = nextMonthOf(m);
  }
  return months;
}

/** The article files of each month: one per `urlsPerFile` articles, each dated by its month's latest change. */
export function articleFiles(
  months: readonly MonthSummary[],
  urlsPerFile: number,
): { name: SitemapName; lastModified: number }[] {
  return months.flatMap(({ month, count, lastModified }) =>
    Array.from({ length: Math.ceil(count / urlsPerFile) }, (_, i) => ({
      name: { kind: 'articles' as const, month, part: i + 1 },
      lastModified,
    })),
  );
}

/**
 * Google News wants an ISO 639 language code, two or three letters, except Chinese, which it tells apart by
 * script ("zh-cn", "zh-tw"); a site's BCP 47 tag ("en-GB", "zh-Hant-TW") is reduced to that.
 */
export function newsLanguage(tag: string): string {
  const [language = 'en', ...rest] = tag.toLowerCase().split('-');
  if (language !== 'zh') return language;
  return rest.some((s) => s === 'hant' || s === 'tw' || s === 'hk' || s === 'mo') ? 'zh-tw' : 'zh-cn';
}

/** Characters XML 1.0 cannot carry at all (most control characters, lone surrogates, U+FFFE/FFFF): dropped. */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text fit for an XML element or attribute: characters XML forbids dropped, markup characters escaped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const element = (name: string, text: string): string => `<${name}>${escapeXml(text)}</${name}>`;

export interface SitemapRef {
  loc: string;
  /** W3C date-time with the site's offset. */
  lastmod?: string;
}

/** The sitemap index: the address of every file, with when it last changed where that is known. */
export function sitemapIndexXml(files: readonly SitemapRef[]): string {
  const entries = files.map(
    (f) => `<sitemap>${element('loc', f.loc)}${f.lastmod ? element('lastmod', f.lastmod) : ''}</sitemap>\n`,
  );
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${entries.join('')}</sitemapindex>\n`;
}

export interface SitemapUrl {
  loc: string;
  /** W3C date-time with the site's offset. */
  lastmod?: string;
  /** Absolute addresses of the page's images (its main photo). */
  images?: readonly string[];
  /** The same page in other languages, itself included, and x-default (issue 13): absolute addresses. */
  alternates?: readonly { hreflang: string; href: string }[];
}

/**
 * A file of page addresses; the image and XHTML namespaces are declared only when some page has an image or an
 * alternate, so a file without them is what it was before either existed.
 */
export function urlSetXml(urls: readonly SitemapUrl[]): string {
  const withImages = urls.some((u) => u.images && u.images.length > 0);
  const withAlternates = urls.some((u) => u.alternates && u.alternates.length > 0);
  const entries = urls.map((u) => {
    const images = (u.images ?? []).map((src) => `<image:image>${element('image:loc', src)}</image:image>`);
    const alternates = (u.alternates ?? []).map(
      (a) => `<xhtml:link rel="alternate" hreflang="${escapeXml(a.hreflang)}" href="${escapeXml(a.href)}"/>`,
    );
    return (
      `<url>${element('loc', u.loc)}${u.lastmod ? element('lastmod', u.lastmod) : ''}` +
      `${alternates.join('')}${images.join('')}</url>\n`
    );
  });
  const namespaces =
    `xmlns="${SITEMAP_NS}"${withImages ? ` xmlns:image="${IMAGE_NS}"` : ''}` +
    `${withAlternates ? ` xmlns:xhtml="${XHTML_NS}"` : ''}`;
  return `${XML_DECLARATION}<urlset ${namespaces}>\n${entries.join('')}</urlset>\n`;
}

export interface NewsArticleEntry {
  loc: string;
  title: string;
  /** W3C date-time with the site's offset. */
  publicationDate: string;
}

/** The Google News sitemap: each article with the publication's name and language, its date and its title. */
export function newsSitemapXml(
  publication: { name: string; language: string },
  articles: readonly NewsArticleEntry[],
): string {
  const source =
    `<news:publication>${element('news:name', publication.name)}` +
    `${element('news:language', newsLanguage(publication.language))}</news:publication>`;
  const entries = articles.map(
    (a) =>
      `<url>${element('loc', a.loc)}<news:news>${source}${element('news:publication_date', a.publicationDate)}` +
      `${element('news:title', a.title)}</news:news></url>\n`,
  );
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:news="${NEWS_NS}">\n${entries.join('')}</urlset>\n`;
}

/** The newsroom and the write APIs: nothing there for a crawler, and every hit on them is work. */
export const CRAWLER_DISALLOWED = ['/newsroom/', '/api/views'] as const;

/** robots.txt: everything else is open, and the sitemap index and the news sitemap are named in full. */
export function robotsTxt(baseUrl: string, editionPrefixes: readonly string[] = []): string {
  return [
    'User-agent: *',
    ...CRAWLER_DISALLOWED.map((path) => `Disallow: ${path}`),
    'Allow: /',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    `Sitemap: ${baseUrl}/sitemaps/news.xml`,
    // Each other edition's news file ("/ja/sitemaps/news.xml"); the index lists every edition's articles.
    ...editionPrefixes.map((prefix) => `Sitemap: ${baseUrl}${prefix}sitemaps/news.xml`),
    '',
  ].join('\n');
}
