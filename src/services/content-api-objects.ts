import { createHash } from 'node:crypto';
import type { MainPhoto, Section } from '../domain/article.js';
import { storedAuthorLinks } from '../domain/author-links.js';
import { bodyText, type Body } from '../domain/body.js';
import { isoWithOffset } from '../domain/dateline.js';
import { editionPath } from '../domain/edition.js';
import { feedPhoto } from '../domain/feed-items.js';
import { authorPath, tagPath } from '../domain/listing-path.js';
import { mediaUrl, variantName, variantWidths } from '../domain/media.js';
import { sectionPath } from '../domain/section.js';
import type { SiteContext } from './site-context.js';

/**
 * Our content in the Ghost Content API's shapes (issue 16; docs/architecture/0019-content-api.md). Fields Ghost
 * has and we do not (code injection, per-post Open Graph texts…) are present and null, so clients that read them
 * find what Ghost would send for a post that never set them.
 */

export type GhostObject = Record<string, unknown>;

/** A post or page before its body is drawn: the server renders `body` to `html` as the article page does. */
export interface ContentItem {
  fields: GhostObject;
  body: Body;
  tags: GhostObject[];
  authors: GhostObject[];
}

/** Chosen once for Dateline; v5 UUIDs of `article:{id}` under it never change for an article. */
const UUID_NAMESPACE = Buffer.from('5f0d3c1ea8b24e7c9a3d6b8e1f2c4a70', 'hex');

/** A name-based (version 5, RFC 9562) UUID: our rows have integer ids, Ghost's clients expect a uuid too. */
export const nameUuid = (name: string): string => {
  const b = createHash('sha1').update(UUID_NAMESPACE).update(name).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** Ghost's dates: ISO 8601 in the site's time zone, with its offset. */
export const ghostDate = (ms: number | null, timeZone: string): string | null =>
  ms === null ? null : isoWithOffset(new Date(ms), timeZone);

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/g;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Minutes to read, as Ghost counts them: words at 275 a minute and 12 s for the main photo, rounded. */
export const readingTime = (text: string, hasPhoto: boolean): number => {
  // Chinese and Japanese are not written in spaced words: two characters count as one.
  const cjk = (text.match(CJK) ?? []).length;
  const words = (text.replace(CJK, ' ').match(/\S+/g) ?? []).length;
  return Math.round((((words + cjk / 2) / 275) * 60 + (hasPhoto ? 12 : 0)) / 60);
};

/** Ghost's excerpt: the custom excerpt, or the text's first 500 characters. */
const excerptOf = (standfirst: string | null, text: string): string => standfirst || text.slice(0, 500);

/** The social card and search fields Ghost answers and Dateline does not set per object: null, as Ghost's unset ones. */
export const NO_SOCIAL_FIELDS = {
  og_image: null,
  og_title: null,
  og_description: null,
  twitter_image: null,
  twitter_title: null,
  twitter_description: null,
} as const;

/** A tag object; Ghost's optional texts are null. Its id is its slug: our tags have no rows of their own. */
export const ghostTag = (name: string, slug: string, url: string): GhostObject => ({
  id: slug,
  name,
  slug,
  description: null,
  feature_image: null,
  visibility: 'public',
  ...NO_SOCIAL_FIELDS,
  meta_title: null,
  meta_description: null,
  codeinjection_head: null,
  codeinjection_foot: null,
  canonical_url: null,
  accent_color: null,
  url,
});

/** A section as a tag: its slug and its front's address. */
export const sectionTag = (ctx: SiteContext, section: Section): GhostObject =>
  ghostTag(section.name, section.slug, ctx.settings.baseUrl + sectionPath(ctx.sections, section));

/** A tag articles carry, at its page in the edition of `ctx`. */
export const plainTag = (ctx: SiteContext, name: string, slug: string): GhostObject =>
  ghostTag(name, slug, ctx.settings.baseUrl + editionPath(ctx.edition, tagPath(slug)));

const TWITTER_PROFILE = /^https?:\/\/(?:www\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/?$/;

/** An author's public profile as Ghost's author object: never an email or anything of the newsroom account. */
export const ghostAuthor = (
  ctx: SiteContext,
  row: {
    id: number;
    slug: string;
    name: string;
    bio: string;
    links: string;
    photo_media_id: number | null;
    photo_hash: string | null;
    photo_width: number | null;
  },
): GhostObject => {
  const links = storedAuthorLinks(row.links);
  const handle = links.x ? TWITTER_PROFILE.exec(links.x)?.[1] : undefined;
  const photo =
    row.photo_media_id !== null && row.photo_hash !== null && row.photo_width !== null
      ? ctx.settings.baseUrl +
        mediaUrl(row.photo_media_id, row.photo_hash, variantName(variantWidths(row.photo_width).at(-1)!, 'jpg'))
      : null;
  return {
    id: String(row.id),
    name: row.name,
    slug: row.slug,
    profile_image: photo,
    cover_image: null,
    bio: row.bio || null,
    website: links.website ?? null,
    location: null,
    facebook: null,
    twitter: handle ? `@${handle}` : null,
    meta_title: null,
    meta_description: null,
    url: ctx.settings.baseUrl + authorPath(row.slug),
  };
};

/** What a post and a page share. */
export interface ItemFacts {
  kind: 'article' | 'page';
  id: number;
  slug: string;
  title: string;
  standfirst: string | null;
  body: Body;
  photo: MainPhoto | null;
  featured: boolean;
  createdAt: number;
  publishedAt: number | null;
  /** The last significant update; null when there was none. */
  updatedAt: number | null;
  url: string;
  metaDescription: string | null;
  language: string;
  customFields: Record<string, string | boolean>;
  /** The same text in the other editions (issue 13): not a Ghost field, ours beside `lang`. */
  translations: { id: string; lang: string; url: string }[];
}

/** Ghost's post (or page) fields, in Ghost's order; `html` and `plaintext` are added by the server. */
export const ghostItemFields = (ctx: SiteContext, item: ItemFacts): GhostObject => {
  const { timeZone, baseUrl } = ctx.settings;
  const text = bodyText(item.body);
  const photo = item.photo;
  const caption = photo ? [photo.caption, photo.credit ? `(${photo.credit})` : ''].filter(Boolean).join(' ') : '';
  const published = ghostDate(item.publishedAt, timeZone);
  return {
    id: String(item.id),
    uuid: nameUuid(`${item.kind}:${item.id}`),
    title: item.title,
    slug: item.slug,
    comment_id: String(item.id),
    feature_image: photo ? feedPhoto(baseUrl, photo).url : null,
    featured: item.featured,
    visibility: 'public',
    created_at: ghostDate(item.createdAt, timeZone),
    updated_at: ghostDate(item.updatedAt, timeZone) ?? published,
    published_at: published,
    custom_excerpt: item.standfirst,
    codeinjection_head: null,
    codeinjection_foot: null,
    custom_template: null,
    canonical_url: null,
    url: item.url,
    excerpt: excerptOf(item.standfirst, text),
    reading_time: readingTime(text, photo !== null),
    access: true,
    comments: false,
    ...NO_SOCIAL_FIELDS,
    meta_title: null,
    meta_description: item.metaDescription,
    email_subject: null,
    frontmatter: null,
    feature_image_alt: photo?.alt || null,
    feature_image_caption: caption ? escapeHtml(caption) : null,
    lang: item.language,
    translations: item.translations,
    custom_fields: { ...item.customFields },
  };
};
