import { PostgresAdapter, sql, type AliasedRawBuilder, type CompiledQuery } from 'kysely';
import { articleKey, SITE_KEY } from '../../domain/surrogate-keys.js';
import type { Db } from '../database.js';
import { visible } from './article.repository.js';
import { queuePurge } from './purge.repository.js';

/**
 * Article pages rendered when the article is written (issue 10; docs/architecture/0009-hot-path.md): one row per
 * article. A writer forgets the rows its write makes stale, in its own transaction; a render is kept only if no
 * write happened since it began (storeArticleRenderRows). Together: a stored row never shows an older article.
 *
 * The order between the two on PostgreSQL is the content_state row's lock. A store holds it while it checks the
 * version and writes; every forget takes it before it deletes. A write that forgets before its bump (or without
 * one) would otherwise let a render read before the write slip in between its delete and its commit. On SQLite
 * each is a write transaction, one at a time, and the lock costs nothing more.
 */

export interface ArticleRenderRow {
  article_id: number;
  site_stamp: string;
  /** Epoch milliseconds. */
  made_at: number;
  meta: string;
  pieces: Uint8Array;
}

/**
 * The pieces column as a read selects it, to be given to `readPieces`. PostgreSQL sends it as base64 text: node-postgres
 * reads a bytea column in text form only, as hex (`\x…`, twice its bytes) decoded by a JavaScript parser, and its
 * binary result format decodes every field as UTF-8 before handing it over, which mangles bytes. Base64 is a third
 * smaller on the wire and is decoded by node's C++ (record 0029, "Later: the pieces as base64"). PostgreSQL breaks
 * the text into lines of 76 characters; node's decoder skips the line ends. SQLite hands the blob over as it is.
 */
export const piecesColumn = (db: Db): AliasedRawBuilder<Uint8Array | string, 'pieces'> => {
  const column = sql.ref('article_render.pieces');
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`encode(${column}, 'base64')`.as('pieces')
    : sql<Uint8Array>`${column}`.as('pieces');
};

/** The pieces as `piecesColumn` brought them: bytes, whichever database. */
export const readPieces = (value: Uint8Array | string): Uint8Array =>
  typeof value === 'string' ? Buffer.from(value, 'base64') : value;

const findQuery = (db: Db, articleId: number) =>
  db
    .selectFrom('article_render')
    .select(['article_id', 'site_stamp', 'made_at', 'meta', piecesColumn(db)])
    .where('article_id', '=', articleId);

type FoundRow = Omit<ArticleRenderRow, 'pieces'> & { pieces: Uint8Array | string };

/** The statement compiled once per database handle: its one parameter is the id. */
const compiledFind = new WeakMap<Db, CompiledQuery<FoundRow>>();

/**
 * The article's stored render, by primary key: on the path of every uncached article page, where building and
 * compiling the query each time cost as much as running it under load. The statement is compiled once (per
 * database handle) and run with the id as its parameter.
 */
export const findArticleRenderRow = async (db: Db, articleId: number): Promise<ArticleRenderRow | undefined> => {
  let compiled = compiledFind.get(db);
  if (!compiled) {
    compiled = findQuery(db, 0).compile();
    compiledFind.set(db, compiled);
  }
  const found = (await db.executeQuery<FoundRow>({ ...compiled, parameters: [articleId] })).rows[0];
  return found && { ...found, pieces: readPieces(found.pieces) };
};

/** Rows per statement: five parameters each, well under SQLite's limit of 32,766. */
const STORE_BATCH = 500;

/**
 * Upserts the renders in one transaction if the content version is still `contentVersion` (read before the render
 * began); answers how many rows were written, 0 when it moved: something was written since, and the renders may
 * show what it replaced. Inside a caller's transaction it runs in that one.
 */
export const storeArticleRenderRows = async (
  db: Db,
  rows: readonly ArticleRenderRow[],
  contentVersion: number,
): Promise<number> => {
  if (rows.length === 0) return 0;
  const store = async (trx: Db): Promise<number> => {
    if (!(await holdContentVersion(trx, contentVersion))) return 0;
    for (let i = 0; i < rows.length; i += STORE_BATCH) {
      await trx
        .insertInto('article_render')
        .values(
          // Named one by one: a caller's row with more fields must not become more columns.
          rows.slice(i, i + STORE_BATCH).map((r) => ({
            article_id: r.article_id,
            site_stamp: r.site_stamp,
            made_at: r.made_at,
            meta: r.meta,
            pieces: r.pieces,
          })),
        )
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet((eb) => ({
            site_stamp: eb.ref('excluded.site_stamp'),
            made_at: eb.ref('excluded.made_at'),
            meta: eb.ref('excluded.meta'),
            pieces: eb.ref('excluded.pieces'),
          })),
        )
        .execute();
    }
    return rows.length;
  };
  return db.isTransaction ? store(db) : db.transaction().execute(store);
};

/**
 * Takes the content version's row lock for the rest of the transaction, by a write that changes nothing, if the
 * version is `expected`; answers whether it is. On PostgreSQL an update waits for a writer holding the row, then
 * reads the version that writer committed.
 */
const holdContentVersion = async (db: Db, expected?: number): Promise<boolean> => {
  let update = db
    .updateTable('content_state')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', 1);
  if (expected !== undefined) update = update.where('version', '=', expected);
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
};

/** Rewrites a render's meta, only where the row exists and was rendered under `siteStamp`. */
export const updateArticleRenderMeta = async (
  db: Db,
  articleId: number,
  meta: string,
  siteStamp: string,
): Promise<void> => {
  await db
    .updateTable('article_render')
    .set({ meta })
    .where('article_id', '=', articleId)
    .where('site_stamp', '=', siteStamp)
    .execute();
};

/**
 * Forgets the renders of these articles. In a writer's transaction, with the write. Each forgetting also queues the
 * purge of the same pages from the cache in front (purge.repository.ts): what is stale here is stale there.
 */
export const forgetArticleRenders = async (db: Db, articleIds: readonly number[]): Promise<void> => {
  if (articleIds.length === 0) return;
  await holdContentVersion(db);
  await db
    .deleteFrom('article_render')
    .where('article_id', 'in', [...articleIds])
    .execute();
  await queuePurge(db, articleIds.map(articleKey));
};

/** Forgets the renders of every article the author is bylined on: their bylines show the profile. */
export const forgetRendersOfAuthor = async (db: Db, authorId: number): Promise<void> => {
  await holdContentVersion(db);
  const bylined = await db
    .selectFrom('article_author')
    .select('article_id')
    .where('author_id', '=', authorId)
    .execute();
  const ids = bylined.map((r) => r.article_id);
  if (ids.length === 0) return;
  await db.deleteFrom('article_render').where('article_id', 'in', ids).execute();
  await queuePurge(db, ids.map(articleKey));
};

/**
 * Forgets the renders of these articles and of every member of their translation groups (each page links the
 * group's live members). A group is a source and its translations, never a chain: an article's group is itself
 * (as a source) or its source, with the translations of either. Before a link goes, its group as it was; after
 * one is made, its group as it is.
 */
export const forgetRendersOfTranslationGroups = async (db: Db, articleIds: readonly number[]): Promise<void> => {
  if (articleIds.length === 0) return;
  const ids = [...articleIds];
  await holdContentVersion(db);
  // The group's members by id, read once: their kept pages are deleted, their pages in front purged.
  const members = await db
    .selectFrom('article')
    .select('id')
    .where((eb) => {
      const sourcesOfIds = eb
        .selectFrom('article_translation as up')
        .select('up.article_id')
        .where('up.translation_id', 'in', ids);
      return eb.or([
        eb('id', 'in', ids),
        eb('id', 'in', sourcesOfIds),
        eb(
          'id',
          'in',
          eb
            .selectFrom('article_translation as down')
            .select('down.translation_id')
            .where((d) => d.or([d('down.article_id', 'in', ids), d('down.article_id', 'in', sourcesOfIds)])),
        ),
      ]);
    })
    .execute();
  const group = [...new Set([...ids, ...members.map((m) => m.id)])];
  await db.deleteFrom('article_render').where('article_id', 'in', group).execute();
  await queuePurge(db, group.map(articleKey));
};

/** Forgets every render (a rebuild of them all); answers how many there were. */
export const forgetAllArticleRenders = async (db: Db): Promise<number> => {
  await holdContentVersion(db);
  await queuePurge(db, [SITE_KEY]);
  return Number((await db.deleteFrom('article_render').executeTakeFirst()).numDeletedRows);
};

/** How many renders are stored: all, or those rendered under `siteStamp`. */
export const countArticleRenders = async (db: Db, siteStamp?: string): Promise<number> => {
  let query = db.selectFrom('article_render').select((eb) => eb.fn.countAll().as('n'));
  if (siteStamp !== undefined) query = query.where('site_stamp', '=', siteStamp);
  return Number((await query.executeTakeFirst())?.n ?? 0);
};

/**
 * The next `limit` articles after `afterId`, by id, that readers can see at `now` and that have no render under
 * `siteStamp` (none, or one under another stamp): the backfill's walk, a page at a time.
 */
export const liveArticleIdsWithoutRender = async (
  db: Db,
  siteStamp: string,
  now: number,
  afterId: number,
  limit: number,
): Promise<number[]> =>
  (
    await db
      .selectFrom('article')
      .leftJoin('article_render as r', 'r.article_id', 'article.id')
      .select('article.id')
      .where(visible(now))
      .where('article.id', '>', afterId)
      .where((eb) => eb.or([eb('r.article_id', 'is', null), eb('r.site_stamp', '<>', siteStamp)]))
      .orderBy('article.id')
      .limit(limit)
      .execute()
  ).map((row) => row.id);
