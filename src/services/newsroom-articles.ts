import { articleStatusOf, type ArticleInput, type ArticleStatus } from '../domain/article.js';
import { storedBody } from '../domain/body.js';
import { serializeBodyMarkup } from '../domain/body-markup.js';
import { customFormValues, parseStoredCustomFields, type CustomFieldValues } from '../domain/custom-fields.js';
import { parseQuery, type ParsedQuery } from '../domain/search-text.js';
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
import { searchIndexOf } from '../storage/search/search-indexing.js';
import { photoInputFromRow } from './main-photo-from-row.js';
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
    photo: photoInputFromRow(row),
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

/** Filters every newsroom list takes. */
export interface NewsroomListFilters {
  status?: ArticleStatus;
  /** Only articles this account created (a contributor's lists). */
  createdBy?: number;
  editionId?: number;
}

/** Drafts, reviews and the rest, newest change first, for the newsroom's lists. */
export const listNewsroomArticles = async (
  db: Db,
  opts: NewsroomListFilters & { limit: number; offset?: number },
): Promise<NewsroomArticle[]> =>
  newsroomArticlesOf(
    db,
    await newsroomListRows(db, {
      limit: opts.limit,
      ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
      ...(opts.status !== undefined ? { status: opts.status } : {}),
      ...(opts.createdBy !== undefined ? { createdBy: opts.createdBy } : {}),
      ...(opts.editionId !== undefined ? { editionId: opts.editionId } : {}),
    }),
  );

/** A page of the newsroom's search: how many articles match in all, and this page's, best match first. */
export interface NewsroomSearchPage {
  /** Counted up to the index's SEARCH_COUNT_LIMIT; `more` says there are more than that. */
  total: number;
  more: boolean;
  articles: NewsroomArticle[];
}

/**
 * The newsroom's article search (issue 15): the search index, so bodies, bylines and tags are found as well as
 * headlines, and drafts, reviews and scheduled articles as well as live ones. The query must hold at least one
 * term (parseQuery's); without one there is nothing to search for, and the caller shows the plain list.
 */
export const searchNewsroomArticles = async (
  db: Db,
  opts: NewsroomListFilters & { query: ParsedQuery; limit: number; offset: number },
): Promise<NewsroomSearchPage> => {
  const found = await searchIndexOf(db).search(db, {
    query: opts.query,
    kinds: ['article'],
    // No status filter means every status, one this version does not know included, as in the plain list.
    ...(opts.status !== undefined ? { statuses: [opts.status] } : {}),
    ...(opts.createdBy !== undefined ? { createdBy: opts.createdBy } : {}),
    ...(opts.editionId !== undefined ? { editionId: opts.editionId } : {}),
    sort: 'relevance',
    offset: opts.offset,
    limit: opts.limit,
  });
  const ids = found.hits.map((hit) => hit.id);
  if (ids.length === 0) return { total: found.total, more: found.more, articles: [] };
  // The creator is asked of the table again: what a contributor may see never rests on the index alone.
  const rows = await newsroomListRows(db, {
    ids,
    limit: ids.length,
    ...(opts.createdBy !== undefined ? { createdBy: opts.createdBy } : {}),
  });
  const byId = new Map((await newsroomArticlesOf(db, rows)).map((a) => [a.id, a]));
  return { total: found.total, more: found.more, articles: ids.flatMap((id) => byId.get(id) ?? []) };
};

/** One page of the newsroom's article list, searched or not. */
export interface NewsroomListPage {
  articles: NewsroomArticle[];
  /** True when a later page holds more. */
  hasMore: boolean;
  /** How many articles match a search in all; null for the plain list, which is never counted. */
  total: number | null;
  /** True when more articles match than the index counts (total is then its limit). */
  more: boolean;
  /**
   * Why the list is not quite what was asked: the search held no words to look for (so this is the plain list),
   * or it was longer than a query may be and only its start was searched.
   */
  note: 'no-terms' | 'cut' | null;
}

/** The article list's page: the search's hits when `search` holds words, otherwise the newest changes. */
export const newsroomListPage = async (
  db: Db,
  opts: NewsroomListFilters & { search: string; limit: number; offset: number },
): Promise<NewsroomListPage> => {
  const { search, limit, offset, ...filters } = opts;
  const query = search.trim() === '' ? null : parseQuery(search);
  if (query !== null && query.terms.length > 0) {
    const found = await searchNewsroomArticles(db, { ...filters, query, limit, offset });
    return {
      articles: found.articles,
      // Past the counted matches, a full page is the only sign of another.
      hasMore: found.more ? found.articles.length === limit : offset + limit < found.total,
      total: found.total,
      more: found.more,
      note: query.cut ? 'cut' : null,
    };
  }
  // One row more than a page tells whether there is a later page, without counting the archive.
  const rows = await listNewsroomArticles(db, { ...filters, limit: limit + 1, offset });
  return {
    articles: rows.slice(0, limit),
    hasMore: rows.length > limit,
    total: null,
    more: false,
    note: query === null ? null : 'no-terms',
  };
};

const newsroomArticlesOf = async (db: Db, rows: NewsroomListRow[]): Promise<NewsroomArticle[]> => {
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

type NewsroomListRow = Awaited<ReturnType<typeof newsroomListRows>>[number];

/** Headlines of the articles that exist among `ids` (the desk's "being read" box names them). */
export const headlinesByIds = async (db: Db, ids: number[]): Promise<Map<number, string>> =>
  new Map((await headlineRowsByIds(db, ids)).map((r) => [r.id, r.headline]));

/** Every author as the editor offers bylines: slug and name, by name. */
export const bylineChoices = async (db: Db): Promise<{ slug: string; name: string }[]> =>
  (await listAuthorRows(db)).map((a) => ({ slug: a.slug, name: a.name }));
