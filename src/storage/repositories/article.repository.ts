import { type ExpressionBuilder, type Insertable, type Updateable, type WhereInterface } from 'kysely';
import type { Database, Db } from '../database.js';
import type { ArticleTable } from '../tables/content.table.js';
import { tagSlug } from '../../domain/tag.js';

/** Published and visible at `now`: scheduled times in the future stay hidden even if the status says published. */
export const visible = (now: number) => (eb: ExpressionBuilder<Database, 'article'>) =>
  eb.and([eb('article.status', '=', 'published'), eb('article.published_at', '<=', now)]);

/**
 * Only one edition's articles (issue 13), for `$call`: with `editionId` undefined it adds no condition at all, so a
 * site of one edition sends the statement it sent before editions.
 */
export const inEdition =
  (editionId: number | undefined) =>
  <QB extends WhereInterface<Database, 'article'>>(qb: QB): QB =>
    editionId === undefined ? qb : (qb.where('article.edition_id', '=', editionId) as QB);

/** What a summary row holds; exported for the lists that start from another table (related.repository.ts). */
export const SUMMARY_COLUMNS = [
  'article.id',
  'article.headline',
  'article.standfirst',
  'article.section_id',
  'article.edition_id',
  'article.published_at',
  'article.first_published_at',
  'article.photo_media_id',
  'article.photo_caption',
  'article.photo_credit',
  'article.photo_alt',
  'media.width as photo_width',
  'media.height as photo_height',
  'media.hash as photo_hash',
] as const;

/** The columns every list of articles shows (section fronts, listing pages, boxes), with the main photo's size. */
export const summaries = (db: Db) =>
  db.selectFrom('article').leftJoin('media', 'media.id', 'article.photo_media_id').select(SUMMARY_COLUMNS);

export type ArticleSummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

export const findArticleRow = (db: Db, id: number) =>
  db
    .selectFrom('article')
    .leftJoin('media', 'media.id', 'article.photo_media_id')
    .selectAll('article')
    .select(['media.width as photo_width', 'media.height as photo_height', 'media.hash as photo_hash'])
    .where('article.id', '=', id)
    .executeTakeFirst();

export const findPublishedArticleRow = (db: Db, id: number, now: number) =>
  db
    .selectFrom('article')
    .leftJoin('media', 'media.id', 'article.photo_media_id')
    .selectAll('article')
    .select(['media.width as photo_width', 'media.height as photo_height', 'media.hash as photo_hash'])
    .where('article.id', '=', id)
    .where(visible(now))
    .executeTakeFirst();

/** `editionId`, here and below: only that edition's articles (issue 13); none: all, as on a site of one edition. */
type LatestOptions = { now: number; sectionIds?: number[]; excludeIds?: number[]; limit: number; offset?: number } & {
  editionId?: number;
};

const latestQuery = (db: Db, opts: LatestOptions, sectionId: number | null, take: number, skip: number) => {
  let q = summaries(db).where(visible(opts.now));
  q = q.$call(inEdition(opts.editionId));
  if (sectionId !== null) q = q.where('article.section_id', '=', sectionId);
  if (opts.excludeIds?.length) q = q.where('article.id', 'not in', opts.excludeIds);
  return q.orderBy('article.published_at', 'desc').orderBy('article.id', 'desc').limit(take).offset(skip).execute();
};

/**
 * Newest visible articles, site-wide or in some sections. Several sections are read one by one and merged:
 * with `section_id IN (…)` the database would sort every article of those sections to find the newest few,
 * which grows with the archive; one section at a time walks its index and stops after `offset + limit`.
 */
export const latestPublishedRows = async (db: Db, opts: LatestOptions): Promise<ArticleSummaryRow[]> => {
  const offset = opts.offset ?? 0;
  if (!opts.sectionIds) return latestQuery(db, opts, null, opts.limit, offset);
  if (opts.sectionIds.length === 1) return latestQuery(db, opts, opts.sectionIds[0]!, opts.limit, offset);
  const perSection = await Promise.all(opts.sectionIds.map((id) => latestQuery(db, opts, id, offset + opts.limit, 0)));
  return perSection
    .flat()
    .sort((a, b) => (b.published_at ?? 0) - (a.published_at ?? 0) || b.id - a.id)
    .slice(offset, offset + opts.limit);
};

export const tagRowsForArticle = (db: Db, articleId: number) =>
  db.selectFrom('article_tag').select('tag').where('article_id', '=', articleId).orderBy('position').execute();

export const findArticleIdBySourceKey = async (db: Db, sourceKey: string): Promise<number | undefined> =>
  (await db.selectFrom('article').select('id').where('source_key', '=', sourceKey).executeTakeFirst())?.id;

export const insertArticleRow = async (db: Db, values: Insertable<ArticleTable>): Promise<number> =>
  (await db.insertInto('article').values(values).returning('id').executeTakeFirstOrThrow()).id;

/**
 * Replaces an article's columns only if it is still at revision `from`; answers whether it was. Two saves that
 * read the same revision at once (PostgreSQL's READ COMMITTED lets both read before either writes) cannot both
 * win: the second finds the row moved on.
 */
export const updateArticleRowAt = async (
  db: Db,
  id: number,
  from: number,
  values: Updateable<ArticleTable>,
): Promise<boolean> => {
  const result = await db
    .updateTable('article')
    .set(values)
    .where('id', '=', id)
    .where('revision', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Two spellings of one tag on an article ("climate change", "climate-change") keep the first: one page, one pill. */
export const replaceTagRows = async (db: Db, articleId: number, tags: string[]): Promise<void> => {
  await db.deleteFrom('article_tag').where('article_id', '=', articleId).execute();
  const bySlug = new Map<string, string>();
  for (const tag of tags) if (!bySlug.has(tagSlug(tag))) bySlug.set(tagSlug(tag), tag);
  if (bySlug.size === 0) return;
  await db
    .insertInto('article_tag')
    .values([...bySlug].map(([slug, tag], position) => ({ article_id: articleId, tag, tag_slug: slug, position })))
    .execute();
};

export const countArticleRows = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('article')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** Id, section and publish time of those of `ids` that are published (or scheduled); nothing else. */
export const publishedArticleMetaRows = (db: Db, ids: number[]) =>
  db
    .selectFrom('article')
    .select(['id', 'section_id', 'edition_id', 'published_at'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .where('published_at', 'is not', null)
    .execute();

export const summaryRowsByIds = (db: Db, ids: number[], now: number) =>
  ids.length === 0 ? Promise.resolve([]) : summaries(db).where('article.id', 'in', ids).where(visible(now)).execute();

/**
 * The newest saves across the newsroom, with each article's headline, who saved, and the revision before each
 * (not always one less: an autosave rewritten in place keeps the newer number, leaving a gap below it).
 */
export const recentRevisionRows = (db: Db, limit: number) =>
  db
    .selectFrom('article_revision')
    .innerJoin('article', 'article.id', 'article_revision.article_id')
    .leftJoin('user_account', 'user_account.id', 'article_revision.saved_by')
    .leftJoin('api_key', 'api_key.id', 'article_revision.saved_by_key')
    .select((eb) => [
      'article_revision.article_id',
      'article_revision.revision',
      'article_revision.saved_at',
      'article_revision.snapshot',
      'article_revision.by_schedule',
      'article.headline',
      'user_account.name as saved_by_name',
      'api_key.name as saved_by_key_name',
      eb
        .selectFrom('article_revision as earlier')
        .select((e) => e.fn.max('earlier.revision').as('revision'))
        .whereRef('earlier.article_id', '=', 'article_revision.article_id')
        .whereRef('earlier.revision', '<', 'article_revision.revision')
        .as('previous_revision'),
    ])
    .orderBy('article_revision.saved_at', 'desc')
    .orderBy('article_revision.revision', 'desc')
    .limit(limit)
    .execute();

/** The snapshots of the given (article, revision) pairs. */
export const revisionSnapshotRows = (db: Db, pairs: readonly (readonly [number, number])[]) =>
  pairs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('article_revision')
        .select(['article_id', 'revision', 'snapshot'])
        .where((eb) =>
          eb.or(
            pairs.map(([articleId, revision]) =>
              eb.and([eb('article_id', '=', articleId), eb('revision', '=', revision)]),
            ),
          ),
        )
        .execute();

/** Newsroom list filters. */
export interface NewsroomListOptions {
  status?: string;
  createdBy?: number;
  /** Only this edition's articles (the list's edition filter, issue 13). */
  editionId?: number;
  /** Only these articles: the lines of a page of search hits, which the caller puts back in the hits' order. */
  ids?: readonly number[];
  limit: number;
  offset?: number;
}

/**
 * The newsroom's list query (desk boxes, article list), built but not run: tests read its plan. Drafts, reviews
 * and the rest, newest change first, with who created each.
 */
export const newsroomListQuery = (db: Db, opts: NewsroomListOptions) => {
  let q = db
    .selectFrom('article')
    .leftJoin('user_account', 'user_account.id', 'article.created_by')
    .select([
      'article.id',
      'article.headline',
      'article.status',
      'article.modified_at',
      'article.published_at',
      'article.section_id',
      'user_account.name as created_by_name',
    ])
    .orderBy('article.modified_at', 'desc')
    .orderBy('article.id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  if (opts.status !== undefined) q = q.where('article.status', '=', opts.status);
  if (opts.createdBy !== undefined) q = q.where('article.created_by', '=', opts.createdBy);
  // `in ()` is not SQL; no article has id 0, so an empty list still means no rows.
  if (opts.ids !== undefined) q = q.where('article.id', 'in', opts.ids.length > 0 ? opts.ids : [0]);
  return q.$call(inEdition(opts.editionId));
};

export const newsroomListRows = (db: Db, opts: NewsroomListOptions) => newsroomListQuery(db, opts).execute();

/** Headline and publish time of each of `ids` that exists, whatever its status. */
export const headlineRowsByIds = (db: Db, ids: number[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('article').select(['id', 'headline', 'published_at']).where('id', 'in', ids).execute();

export const insertCorrectionRow = (
  db: Db,
  values: { article_id: number; kind: string; text: string; created_at: number; created_by: number },
) => db.insertInto('correction').values(values).execute();

export const correctionRowsForArticle = (db: Db, articleId: number) =>
  db.selectFrom('correction').selectAll().where('article_id', '=', articleId).orderBy('created_at').execute();

/** The newest corrections on articles visible at `now`, with their headlines. */
export const recentPublicCorrectionRows = (db: Db, now: number, limit: number) =>
  db
    .selectFrom('correction')
    .innerJoin('article', 'article.id', 'correction.article_id')
    .select([
      'correction.id',
      'correction.article_id',
      'correction.kind',
      'correction.text',
      'correction.created_at',
      'article.headline',
    ])
    .where(visible(now))
    .orderBy('correction.created_at', 'desc')
    .limit(limit)
    .execute();

/** The newest corrections on any article, with the headline and who added each. */
export const recentCorrectionRows = (db: Db, limit: number) =>
  db
    .selectFrom('correction')
    .innerJoin('article', 'article.id', 'correction.article_id')
    .leftJoin('user_account', 'user_account.id', 'correction.created_by')
    .select([
      'correction.article_id',
      'correction.kind',
      'correction.created_at',
      'article.headline',
      'user_account.name as by',
    ])
    .orderBy('correction.created_at', 'desc')
    .limit(limit)
    .execute();
