import type { MainPhoto } from './article.js';
import { authorPath, tagPath } from './listing-path.js';
import { mediaUrl, scaledHeight, variantName, variantWidths } from './media.js';

/** How many articles a feed carries: the latest by first publication. */
export const FEED_SIZE = 20;

/** Whole bodies in the feed, or only each standfirst (a site setting). */
export type FeedContent = 'full' | 'summary';

/** One article as a feed needs it, prepared by the service; `bodyHtml` is the article page's body, paths relative. */
export interface FeedArticle {
  id: number;
  headline: string;
  standfirst: string | null;
  /** The canonical path, e.g. "/politics/20260121-7/". */
  path: string;
  firstPublishedAt: Date;
  /** Set only by a significant update an editor asked for. */
  updatedAt: Date | null;
  bylines: { name: string; slug: string }[];
  section: { name: string; path: string };
  tags: { name: string; slug: string }[];
  mainPhoto: MainPhoto | null;
  bodyHtml: string;
}

/** What a feed entry says, in either format; every text is free of control characters, every URL absolute. */
export interface FeedItem {
  /** Never changes: made from the article's id and first publication, not its section or address. */
  guid: string;
  title: string;
  link: string;
  published: Date;
  /** The last significant update, or the first publication when there was none. */
  updated: Date;
  /** Plain text; empty when the article has no standfirst. */
  summary: string;
  /** HTML of the whole body; null when the site publishes summaries only. */
  contentHtml: string | null;
  authors: { name: string; url: string }[];
  /** The section first, then the tags, each with the address of its page. */
  categories: { name: string; url: string }[];
  photo: FeedPhoto | null;
}

export interface FeedPhoto {
  url: string;
  type: 'image/jpeg';
  width: number;
  height: number;
  caption: string;
  credit: string | null;
}

/**
 * Characters XML 1.0 cannot carry at all (C0 controls other than tab, newline and return; unpaired surrogates;
 * U+FFFE and U+FFFF), and C1 controls, which it allows but which mean nothing in a headline. One of them in a
 * headline pasted from elsewhere would make the whole feed unreadable.
 */
const CONTROL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/**
 * The feed's GUID (and Atom id): a tag: URI (RFC 4151) naming the publication's host, the day of first
 * publication and the article's id. None of them moves when the article changes section or its displayed date.
 */
export function feedGuid(baseUrl: string, id: number, firstPublishedAt: Date): string {
  const day = firstPublishedAt.toISOString().slice(0, 10);
  return `tag:${new URL(baseUrl).hostname},${day}:article-${id}`;
}

/**
 * Site paths in rendered HTML made absolute, for feed readers that show a body away from our pages. Only
 * attributes inside tags are touched: the renderer escapes `<` in text and `"` in attribute values, so
 * ` src="/` cannot occur anywhere else.
 */
export function absoluteUrls(html: string, baseUrl: string): string {
  return html.replace(/<[a-zA-Z][^>]*>/g, (tag) =>
    tag
      .replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${baseUrl}/`)
      .replace(/(\ssrcset=")([^"]*)"/g, (_m, start: string, list: string) => {
        const items = list.split(',').map((item) => {
          const trimmed = item.trim();
          return trimmed.startsWith('/') && !trimmed.startsWith('//') ? baseUrl + trimmed : trimmed;
        });
        return `${start}${items.join(', ')}"`;
      }),
  );
}

/** The largest JPEG kept of the photo (at most 1,200 px wide), with the size that variant has. */
export function feedPhoto(baseUrl: string, photo: MainPhoto): FeedPhoto {
  const widths = variantWidths(photo.width);
  const width = widths[widths.length - 1]!;
  return {
    url: baseUrl + mediaUrl(photo.mediaId, photo.hash, variantName(width, 'jpg')),
    type: 'image/jpeg',
    width,
    height: scaledHeight(width, photo),
    caption: stripControlChars(photo.caption),
    credit: photo.credit === null ? null : stripControlChars(photo.credit),
  };
}

export function toFeedItem(article: FeedArticle, opts: { baseUrl: string; content: FeedContent }): FeedItem {
  const { baseUrl } = opts;
  return {
    guid: feedGuid(baseUrl, article.id, article.firstPublishedAt),
    title: stripControlChars(article.headline),
    link: baseUrl + article.path,
    published: article.firstPublishedAt,
    updated: article.updatedAt ?? article.firstPublishedAt,
    summary: stripControlChars(article.standfirst ?? ''),
    contentHtml: opts.content === 'full' ? stripControlChars(absoluteUrls(article.bodyHtml, baseUrl)) : null,
    authors: article.bylines.map((a) => ({ name: stripControlChars(a.name), url: baseUrl + authorPath(a.slug) })),
    categories: [
      { name: stripControlChars(article.section.name), url: baseUrl + article.section.path },
      ...article.tags.map((t) => ({ name: stripControlChars(t.name), url: baseUrl + tagPath(t.slug) })),
    ],
    photo: article.mainPhoto ? feedPhoto(baseUrl, article.mainPhoto) : null,
  };
}

/** An article as the walk by displayed publication time meets it (epoch ms). */
export interface FeedCandidate {
  id: number;
  firstPublishedAt: number;
  publishedAt: number;
}

const byFirstPublication = (a: FeedCandidate, b: FeedCandidate): number =>
  b.firstPublishedAt - a.firstPublishedAt || b.id - a.id;

/**
 * The ids of the `size` newest of `candidates` by first publication, newest first; null when the walk must go
 * further. `candidates` are the newest by displayed time (publishedAt), `complete` when there are no more.
 *
 * An article's displayed time is its first publication or later (an editor moves it forward to republish), so an
 * article not yet met, displayed no later than the last one met, was first published no later either: once the
 * size-th pick is newer than that, nothing further can displace it. An article whose displayed time was moved to
 * before its first publication breaks the premise; it can only miss a place it would have taken by less than
 * that move.
 */
export function newestByFirstPublication(
  candidates: FeedCandidate[],
  size: number,
  complete: boolean,
): number[] | null {
  const picked = [...candidates].sort(byFirstPublication).slice(0, size);
  if (complete) return picked.map((c) => c.id);
  const last = candidates[candidates.length - 1];
  const cutoff = picked[size - 1];
  return last && cutoff && cutoff.firstPublishedAt > last.publishedAt ? picked.map((c) => c.id) : null;
}

/** Newest first by first publication (then by id, as the database orders ties), at most FEED_SIZE. */
export function toFeedItems(articles: FeedArticle[], opts: { baseUrl: string; content: FeedContent }): FeedItem[] {
  return [...articles]
    .sort((a, b) => b.firstPublishedAt.getTime() - a.firstPublishedAt.getTime() || b.id - a.id)
    .slice(0, FEED_SIZE)
    .map((a) => toFeedItem(a, opts));
}

/** What the feed says changed last: its newest entry's update, or null for a feed with no entries. */
export function newestChange(items: FeedItem[]): Date | null {
  let newest: Date | null = null;
  for (const item of items) if (!newest || item.updated > newest) newest = item.updated;
  return newest;
}

export type FeedFormat = 'rss' | 'atom';
