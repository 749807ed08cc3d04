import type { Db } from '../database.js';

/** One save's revision as written: the stored copy and what a list shows of it. */
export interface RevisionValues {
  revision: number;
  saved_by: number | null;
  /** The API key of the integration that saved (the Admin API); absent or null for anyone else. */
  saved_by_key?: string | null;
  saved_at: number;
  snapshot: string;
  /** The state the save left the article in. */
  status: string;
  /** 1 for the scheduler's revision of an article going live (scheduler.ts). */
  by_schedule?: number;
}

const sizeOf = (snapshot: string): number => Buffer.byteLength(snapshot, 'utf8');

export const insertRevisionRow = (db: Db, articleId: number, values: RevisionValues, autosave: boolean) =>
  db
    .insertInto('article_revision')
    .values({ ...values, article_id: articleId, size: sizeOf(values.snapshot), autosave: autosave ? 1 : 0 })
    .execute();

/**
 * Rewrites the autosave row numbered `from` as `values` (its new number included), keeping it an autosave. False
 * when no such row is there any more: a concurrent save took it first.
 */
export const rewriteAutosaveRow = async (
  db: Db,
  articleId: number,
  from: number,
  values: RevisionValues,
): Promise<boolean> => {
  const result = await db
    .updateTable('article_revision')
    .set({ ...values, size: sizeOf(values.snapshot) })
    .where('article_id', '=', articleId)
    .where('revision', '=', from)
    .where('autosave', '=', 1)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
};

/** Whether one revision is an autosave and who saved it; read from the list index, not the stored copy. */
export const revisionMetaRow = (db: Db, articleId: number, revision: number) =>
  db
    .selectFrom('article_revision')
    .select(['autosave', 'saved_by'])
    .where('article_id', '=', articleId)
    .where('revision', '=', revision)
    .executeTakeFirst();

/** One page of an article's revisions, newest first: what they are, never their stored copies. Built, not run: tests read its plan. */
export const revisionListQuery = (db: Db, articleId: number, limit: number, offset: number) =>
  db
    .selectFrom('article_revision')
    .leftJoin('user_account', 'user_account.id', 'article_revision.saved_by')
    .select([
      'article_revision.revision',
      'article_revision.saved_at',
      'article_revision.autosave',
      'article_revision.size',
      'article_revision.status',
      'article_revision.by_schedule',
      'user_account.name as saved_by_name',
    ])
    .where('article_revision.article_id', '=', articleId)
    .orderBy('article_revision.revision', 'desc')
    .limit(limit)
    .offset(offset);

export const revisionListRows = (db: Db, articleId: number, limit: number, offset: number) =>
  revisionListQuery(db, articleId, limit, offset).execute();

export const countRevisionRows = async (db: Db, articleId: number): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('article_revision')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('article_id', '=', articleId)
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The named revisions of one article with their stored copies, read by key. Built, not run: tests read its plan. */
export const revisionsByKeyQuery = (db: Db, articleId: number, revisions: readonly number[]) =>
  db
    .selectFrom('article_revision')
    .leftJoin('user_account', 'user_account.id', 'article_revision.saved_by')
    .select([
      'article_revision.revision',
      'article_revision.saved_at',
      'article_revision.snapshot',
      'article_revision.by_schedule',
      'user_account.name as saved_by_name',
    ])
    .where('article_revision.article_id', '=', articleId)
    .where('article_revision.revision', 'in', revisions.length > 0 ? revisions : [-1]);

export const revisionRowsByKey = (db: Db, articleId: number, revisions: readonly number[]) =>
  revisionsByKeyQuery(db, articleId, revisions).execute();
