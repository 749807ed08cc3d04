import type { Section } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import { storedBody } from '../domain/body.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import type { TranslationMember } from '../domain/translation-links.js';
import type { Db } from '../storage/database.js';
import { postAuthorRows, type LivePostRow } from '../storage/repositories/content-api.repository.js';
import { homeTopIdRows } from '../storage/repositories/curation.repository.js';
import { feedTagRows } from '../storage/repositories/feed.repository.js';
import { liveTranslationRows } from '../storage/repositories/translation-link.repository.js';
import {
  ghostAuthor,
  ghostItemFields,
  plainTag,
  sectionTag,
  type ContentItem,
  type GhostObject,
} from './content-api-objects.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, type SiteContext } from './site-context.js';
import { translationGroups } from './translation-links.js';

/**
 * An article as a Ghost post, the one way the Content API, the Admin API and webhook bodies make it: the section
 * first among the tags (Ghost's primary_tag), bylines as authors, `featured` for the home page's curated top
 * stories, and the other live members of its translation group. Each caller reads the article its own way (live
 * only, any status, an earlier revision) and says where the post lives.
 */

/** The article's own columns a post shows (a live post's row; the Admin API's and a whole article row hold more). */
export type PostItemRow = LivePostRow;

/** What a post shows from beside its row. */
export interface PostRelations {
  bylines: readonly Parameters<typeof ghostAuthor>[1][];
  tags: readonly { tag: string; tag_slug: string }[];
  featured: boolean;
  /** Its translation group's live members, itself among them; none when it has none. */
  group: readonly TranslationMember[];
}

/** The article's public address, dated by its first publication; null for one never published. */
export const postAddress = (own: SiteContext, section: Section, row: PostItemRow): string | null => {
  const dated = row.first_published_at ?? row.published_at;
  return dated === null ? null : own.settings.baseUrl + articlePath(own, section, new Date(dated), row.id);
};

/** The post of an article in its own edition's context `own`, at `url`. */
export const postItemOf = (
  own: SiteContext,
  section: Section,
  row: PostItemRow,
  rel: PostRelations,
  url: string,
): ContentItem => {
  const body = storedBody(row.body);
  const tags = [sectionTag(own, section)];
  for (const t of rel.tags) {
    // A tag spelled as the section's slug is that section, once.
    if (!tags.some((p) => p.slug === t.tag_slug)) tags.push(plainTag(own, t.tag, t.tag_slug));
  }
  const fields = ghostItemFields(own, {
    kind: 'article',
    id: row.id,
    slug: row.slug,
    title: row.headline,
    standfirst: row.standfirst,
    body,
    photo: mainPhotoFromRow(row),
    featured: rel.featured,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    url,
    metaDescription: row.seo_description,
    language: own.settings.language,
    customFields: parseStoredCustomFields(row.custom_fields),
    // The other live members of its translation group, each at its own edition's address.
    translations: rel.group
      .filter((m) => m.articleId !== row.id)
      .map((m) => ({ id: String(m.articleId), lang: m.language, url: own.settings.baseUrl + m.path })),
  });
  return { fields, body, tags, authors: rel.bylines.map((b) => ghostAuthor(own, b)) };
};

/** How an API reads and finishes its posts. */
export interface PostReading<R extends PostItemRow> {
  /** The rows of the articles among `ids` it shows, in any order. */
  rows(ids: readonly number[]): Promise<readonly R[]>;
  /** Where the post lives; null leaves it out. */
  url(own: SiteContext, section: Section, row: R): string | null;
  /** Fields it adds to the post's, or answers otherwise. */
  fields?(row: R): GhostObject;
}

const groupBy = <T extends { article_id: number }>(rows: readonly T[]): Map<number, T[]> => {
  const by = new Map<number, T[]>();
  for (const row of rows) by.set(row.article_id, [...(by.get(row.article_id) ?? []), row]);
  return by;
};

/** The articles `ids` names, in that order, as posts; one without a row, a section or an address is left out. */
export const loadPostItems = async <R extends PostItemRow>(
  db: Db,
  ctx: SiteContext,
  ids: readonly number[],
  now: number,
  reading: PostReading<R>,
): Promise<ContentItem[]> => {
  const [rows, bylineRows, tagRows, topRows, translationRows] = await Promise.all([
    reading.rows(ids),
    postAuthorRows(db, ids),
    feedTagRows(db, [...ids]),
    homeTopIdRows(db),
    liveTranslationRows(db, ids, now),
  ]);
  const groupOf = new Map<number, TranslationMember[]>();
  for (const group of translationGroups(ctx, translationRows).values()) {
    for (const member of group) groupOf.set(member.articleId, group);
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bylines = groupBy(bylineRows);
  const tags = groupBy(tagRows);
  const top = new Set(topRows.map((r) => r.article_id));
  return ids.flatMap((id): ContentItem[] => {
    const row = byId.get(id);
    if (!row) return [];
    const own = contextOfEdition(ctx, row.edition_id);
    const section = own.sections.byId.get(row.section_id);
    const url = section ? reading.url(own, section, row) : null;
    if (!section || url === null) return [];
    const rel = {
      bylines: bylines.get(id) ?? [],
      tags: tags.get(id) ?? [],
      featured: top.has(id),
      group: groupOf.get(id) ?? [],
    };
    const item = postItemOf(own, section, row, rel, url);
    return [reading.fields ? { ...item, fields: { ...item.fields, ...reading.fields(row) } } : item];
  });
};
