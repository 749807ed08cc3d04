import { PostgresAdapter } from 'kysely';
import { bodyText, storedBody } from '../../domain/body.js';
import { createPostgresSearchIndex } from './postgres-search-index.js';
import type { SearchDocument, SearchIndex, SearchKind } from './search-index.js';
import { createSqliteSearchIndex } from './sqlite-search-index.js';
import type { Db } from '../database.js';
import {
  articleIdsByAuthor,
  articleSearchAuthorRows,
  articleSearchRows,
  articleSearchTagRows,
  countRows,
  firstEditionId,
  idsAfter,
  pageSearchRows,
} from '../repositories/search.repository.js';

/**
 * Keeping the search index in step with content (issue 15). Every write of an article or page calls one of
 * these inside its own transaction, so the index never shows what was rolled back and never misses what was
 * committed. The index lives in the content database, so its backend follows that database's dialect rather
 * than configuration (record 0017).
 */
const SQLITE_INDEX = createSqliteSearchIndex();
const POSTGRES_INDEX = createPostgresSearchIndex();

export const searchIndexOf = (db: Db): SearchIndex =>
  db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES_INDEX : SQLITE_INDEX;

/** Indexes articles as they now are; an id with no article is removed from the index. */
export const indexArticles = (db: Db, ids: readonly number[]): Promise<void> =>
  indexAsTheyAre(db, 'article', ids, articleDocuments);

export const indexArticle = (db: Db, id: number): Promise<void> => indexArticles(db, [id]);

export const indexPages = (db: Db, ids: readonly number[]): Promise<void> =>
  indexAsTheyAre(db, 'page', ids, pageDocuments);

const indexAsTheyAre = async (
  db: Db,
  kind: SearchKind,
  ids: readonly number[],
  documentsOf: (db: Db, ids: readonly number[]) => Promise<Map<number, SearchDocument>>,
): Promise<void> => {
  const index = searchIndexOf(db);
  const docs = await documentsOf(db, ids);
  const present: SearchDocument[] = [];
  for (const id of new Set(ids)) {
    const doc = docs.get(id);
    if (doc) present.push(doc);
    else await index.remove(db, kind, id);
  }
  await index.putMany(db, present);
};

/** An author's name is in each of their articles' entries: a rename re-indexes them. */
export const indexArticlesByAuthor = async (db: Db, authorId: number): Promise<void> =>
  indexArticles(db, await articleIdsByAuthor(db, authorId));

export interface RebuildProgress {
  kind: SearchKind;
  done: number;
  total: number;
}

const REBUILD_BATCH = 500;

/**
 * Empties the index and fills it from every article and page, a batch at a time. The caller decides the
 * transaction: the migration runs it inside its own, `dateline search rebuild` inside one so readers never see
 * a half-built index. `bulk` loads it the backend's fastest way (SearchIndex.bulkLoad), which on PostgreSQL
 * holds searches off until the transaction ends: for an import into an empty database, not a site that serves.
 */
export const rebuildSearchIndex = async (
  db: Db,
  onProgress: (progress: RebuildProgress) => void = () => {},
  opts: { bulk?: boolean } = {},
): Promise<{ articles: number; pages: number }> => {
  const index = searchIndexOf(db);
  await index.clear(db);
  const fill = async () => ({
    articles: await rebuildKind(db, 'article', onProgress),
    pages: await rebuildKind(db, 'page', onProgress),
  });
  return opts.bulk ? index.bulkLoad(db, fill) : fill();
};

const rebuildKind = async (db: Db, kind: SearchKind, onProgress: (p: RebuildProgress) => void): Promise<number> => {
  const table = kind === 'article' ? 'article' : 'page';
  const total = await countRows(db, table);
  let done = 0;
  let last = 0;
  for (;;) {
    const ids = await idsAfter(db, table, last, REBUILD_BATCH);
    if (ids.length === 0) break;
    await (kind === 'article' ? indexArticles(db, ids) : indexPages(db, ids));
    done += ids.length;
    last = ids.at(-1)!;
    onProgress({ kind, done, total });
  }
  return done;
};

/** Published or scheduled: sorted by when it goes live; anything else by its last change. */
const sortTime = (status: string, publishedAt: number | null, modifiedAt: number): number =>
  (status === 'published' || status === 'scheduled') && publishedAt !== null ? publishedAt : modifiedAt;

const joinText = (...parts: (string | null | undefined)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');

const articleDocuments = async (db: Db, ids: readonly number[]): Promise<Map<number, SearchDocument>> => {
  const [rows, authors, tags] = await Promise.all([
    articleSearchRows(db, ids),
    articleSearchAuthorRows(db, ids),
    articleSearchTagRows(db, ids),
  ]);
  const authorsOf = groupBy(authors, (a) => a.article_id);
  const tagsOf = groupBy(tags, (t) => t.article_id);
  return new Map(
    rows.map((row) => {
      const byline = authorsOf.get(row.id) ?? [];
      const doc: SearchDocument = {
        kind: 'article',
        id: row.id,
        editionId: row.edition_id,
        sectionId: row.section_id,
        authorIds: byline.map((a) => a.id),
        status: row.status,
        createdBy: row.created_by,
        sortAt: sortTime(row.status, row.published_at, row.modified_at),
        fields: {
          headline: row.headline,
          standfirst: row.standfirst ?? '',
          body: joinText(row.photo_caption, bodyText(storedBody(row.body))),
          people: joinText(...byline.map((a) => a.name)),
          tags: joinText(...(tagsOf.get(row.id) ?? []).map((t) => t.tag)),
        },
      };
      return [row.id, doc];
    }),
  );
};

const pageDocuments = async (db: Db, ids: readonly number[]): Promise<Map<number, SearchDocument>> => {
  const [rows, editionId] = await Promise.all([pageSearchRows(db, ids), firstEditionId(db)]);
  return new Map(
    rows.map((row) => {
      const doc: SearchDocument = {
        kind: 'page',
        id: row.id,
        // Pages are the publication's, served at the site's root: the first edition's.
        editionId: editionId ?? 0,
        sectionId: null,
        authorIds: [],
        status: row.status,
        createdBy: row.created_by,
        sortAt: sortTime(row.status, row.published_at, row.modified_at),
        fields: {
          headline: row.title,
          standfirst: '',
          body: joinText(row.photo_caption, bodyText(storedBody(row.body))),
          people: '',
          tags: '',
        },
      };
      return [row.id, doc];
    }),
  );
};

const groupBy = <T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> => {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
};
