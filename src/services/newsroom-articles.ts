import { articleStatusOf, type ArticleInput, type ArticleStatus } from '../domain/article.js';
import { storedBody } from '../domain/body.js';
import { serializeBodyMarkup } from '../domain/body-markup.js';
import { customFormValues, parseStoredCustomFields, type CustomFieldValues } from '../domain/custom-fields.js';
import type { Db } from '../storage/database.js';
import {
  findArticleRow,
  headlineRowsByIds,
  newsroomListRows,
  tagRowsForArticle,
} from '../storage/repositories/article.repository.js';
import {
  bylineRowsForArticle,
  bylineRowsForArticles,
  listAuthorRows,
} from '../storage/repositories/author.repository.js';
import { emptyForm, type ArticleFormValues } from './article-form.js';
import type { SiteContext } from './site-context.js';

export interface EditableArticle {
  id: number | null;
  status: ArticleStatus | null;
  revision: number | null;
  createdBy: number | null;
  reviewNote: string | null;
  publishedAt: Date | null;
  /** Dates the public URL; null until the article first goes live. */
  firstPublishedAt: Date | null;
  updatedAt: Date | null;
  photo: ArticleInput['photo'];
  /** Plugins' custom field values as stored, those of fields no longer defined included. */
  customFields: CustomFieldValues;
  values: ArticleFormValues;
}

const dateOf = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** An article as the editor form shows it. */
export const loadEditable = async (db: Db, ctx: SiteContext, id: number): Promise<EditableArticle | null> => {
  const row = await findArticleRow(db, id);
  if (!row) return null;
  const [bylines, tags] = await Promise.all([bylineRowsForArticle(db, id), tagRowsForArticle(db, id)]);
  const customFields = parseStoredCustomFields(row.custom_fields);
  return {
    id,
    status: articleStatusOf(row.status),
    revision: row.revision,
    createdBy: row.created_by,
    reviewNote: row.review_note,
    publishedAt: dateOf(row.published_at),
    firstPublishedAt: dateOf(row.first_published_at),
    updatedAt: dateOf(row.updated_at),
    photo:
      row.photo_media_id === null
        ? null
        : {
            mediaId: row.photo_media_id,
            caption: row.photo_caption ?? '',
            credit: row.photo_credit,
            alt: row.photo_alt ?? '',
          },
    customFields,
    values: {
      ...emptyForm(),
      ...customFormValues(customFields),
      headline: row.headline,
      standfirst: row.standfirst ?? '',
      body: serializeBodyMarkup(storedBody(row.body)),
      section: ctx.sections.byId.get(row.section_id)?.slug ?? '',
      authors: bylines.map((b) => b.slug).join(', '),
      tags: tags.map((t) => t.tag).join(', '),
      slug: row.slug,
      seoDescription: row.seo_description ?? '',
      photoMediaId: row.photo_media_id === null ? '' : String(row.photo_media_id),
      photoCaption: row.photo_caption ?? '',
      photoCredit: row.photo_credit ?? '',
      photoAlt: row.photo_alt ?? '',
      revision: String(row.revision),
    },
  };
};

/** One line of the newsroom's article lists. */
export interface NewsroomArticle {
  id: number;
  headline: string;
  status: ArticleStatus;
  modifiedAt: Date;
  /** When it went or goes live; null before it is published or scheduled. */
  publishedAt: Date | null;
  sectionId: number;
  createdByName: string | null;
  /** The byline: the names of the article's authors, in order; none when it has no author yet. */
  byline: string[];
}

/** Which of an article's times a newsroom list shows, and what that time is. */
export interface ListedTime {
  kind: 'published' | 'scheduled' | 'changed';
  at: Date;
}

/**
 * A live article is listed by when it went live (what readers see on it), a scheduled one by when it goes live, and
 * anything readers do not see (a draft, a review, an unpublished article) by its last change.
 */
export const listedTime = (a: Pick<NewsroomArticle, 'status' | 'publishedAt' | 'modifiedAt'>): ListedTime => {
  if (a.status === 'published' && a.publishedAt) return { kind: 'published', at: a.publishedAt };
  if (a.status === 'scheduled' && a.publishedAt) return { kind: 'scheduled', at: a.publishedAt };
  return { kind: 'changed', at: a.modifiedAt };
};

/** Drafts, reviews and the rest, newest change first, for the newsroom's lists. */
export const listNewsroomArticles = async (
  db: Db,
  opts: {
    status?: ArticleStatus;
    createdBy?: number;
    editionId?: number;
    search?: string;
    limit: number;
    offset?: number;
  },
): Promise<NewsroomArticle[]> => {
  const rows = await newsroomListRows(db, {
    limit: opts.limit,
    ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
    ...(opts.status !== undefined ? { status: opts.status } : {}),
    ...(opts.createdBy !== undefined ? { createdBy: opts.createdBy } : {}),
    ...(opts.editionId !== undefined ? { editionId: opts.editionId } : {}),
    searchWords: searchWords(opts.search ?? ''),
  });
  // One query for the whole page's bylines, not one per line.
  const bylines = new Map<number, string[]>();
  for (const b of await bylineRowsForArticles(
    db,
    rows.map((r) => r.id),
  )) {
    bylines.set(b.article_id, [...(bylines.get(b.article_id) ?? []), b.name]);
  }
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    status: articleStatusOf(r.status),
    modifiedAt: new Date(r.modified_at),
    publishedAt: dateOf(r.published_at),
    sectionId: r.section_id,
    createdByName: r.created_by_name,
    byline: bylines.get(r.id) ?? [],
  }));
};

/** The words of a newsroom search, lower-cased; at most eight, each at most 60 characters. */
export const searchWords = (search: string): string[] =>
  search
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8)
    .map((w) => w.slice(0, 60));

/** Headlines of the articles that exist among `ids` (the desk's "being read" box names them). */
export const headlinesByIds = async (db: Db, ids: number[]): Promise<Map<number, string>> =>
  new Map((await headlineRowsByIds(db, ids)).map((r) => [r.id, r.headline]));

/** Every author as the editor offers bylines: slug and name, by name. */
export const bylineChoices = async (db: Db): Promise<{ slug: string; name: string }[]> =>
  (await listAuthorRows(db)).map((a) => ({ slug: a.slug, name: a.name }));
