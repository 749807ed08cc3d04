import { PostgresAdapter, sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { Db } from '../database.js';
import { jsonRows, readJsonRows } from '../json-rows.js';
import { prepared } from '../prepared-statements.js';
import { readSummariesFromCover } from '../summary-cover.js';
import { SUMMARY_COLUMNS, summaries, visible, type ArticleSummaryRow } from './article.repository.js';
import { findArticleRenderRow, piecesColumn, readPieces, type ArticleRenderRow } from './article-render.repository.js';

/** A kept article page and which of the Related stories its meta names are live at the time asked. */
export interface KeptArticleRead {
  row: ArticleRenderRow;
  /** Their ids, in no particular order; null when they could not be read with the row (its meta is not JSON). */
  relatedLive: number[] | null;
  /** PostgreSQL: their summary rows too, read with the row; null on SQLite, or when not read. */
  relatedRows: ArticleSummaryRow[] | null;
}

const SUMMARY_SHAPE = {
  id: 'number',
  headline: 'string',
  standfirst: 'string|null',
  section_id: 'number',
  edition_id: 'number',
  published_at: 'number|null',
  first_published_at: 'number|null',
  photo_media_id: 'number|null',
  photo_caption: 'string|null',
  photo_credit: 'string|null',
  photo_alt: 'string|null',
  photo_width: 'number|null',
  photo_height: 'number|null',
  photo_hash: 'string|null',
} as const;

/** Stand-ins the statement is compiled with, replaced by the id and the time at each run: no id or time is negative. */
const ID = -729_001;
const NOW = -729_002;

/**
 * The stories whose ids the row's meta lists as Related (domain/article-render-meta.ts), each looked up by its
 * primary key, live at `now`. How each database is made to take that path: PostgreSQL with `in (select …)` guessed
 * a hundred ids from the JSON and read the whole article table (36 ms at 2,000 articles), so it gets `= any(array(…))`;
 * SQLite with statistics walked every live article by its publication index and tested each against the list (4 ms
 * at 3,000), so the ids are the outer loop of a CROSS JOIN, which SQLite never reorders.
 */
const relatedOf = (db: Db, now: number) => {
  const meta = sql.ref('article_render.meta');
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return summaries(db)
      .where(visible(now))
      .where(
        'article.id',
        '=',
        sql<number>`any(array(select value::integer from json_array_elements_text(${meta}::json -> 'related')))`,
      );
  return db
    .selectFrom(sql<{ value: number }>`json_each(${meta}, '$.related')`.as('related_id'))
    .crossJoin('article')
    .leftJoin('media', 'media.id', 'article.photo_media_id')
    .select(SUMMARY_COLUMNS)
    .whereRef('article.id', '=', 'related_id.value')
    .where(visible(now));
};

/**
 * The live Related stories as one JSON array column. On SQLite only their ids: their summaries recur from page to page
 * and the reader keeps them per content version (server/reader/summary-rows.ts); building fourteen fields of six
 * stories as JSON, and parsing and checking them, at each answer was a tenth of a walked answer. On PostgreSQL the
 * whole rows, as before: with the ids alone its walk at 100,000 articles spent five times the database's CPU an
 * answer (record 0029, not settled).
 */
const liveRelated = (db: Db, related: ReturnType<typeof relatedOf>): RawBuilder<unknown> =>
  db.getExecutor().adapter instanceof PostgresAdapter
    ? jsonRows(db, related)
    : sql`(select coalesce(json_group_array(agg.id), '[]') from (${related}) as agg)`;

/** SQLite's liveRelated column: a JSON list of ids. */
const readIds = (value: unknown): number[] => {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list) || !list.every((id) => Number.isSafeInteger(id)))
    throw new Error('findKeptArticle: the live Related ids are not a list of integers');
  return list as number[];
};

type KeptRow = Omit<ArticleRenderRow, 'pieces'> & { pieces: Uint8Array | string; related: unknown };
type Compiled = CompiledQuery<KeptRow>;
const compiledReads = new WeakMap<Db, { one: Compiled; many: Compiled | null }>();

const compiledRead = (db: Db) => {
  let compiled = compiledReads.get(db);
  if (!compiled) {
    const related = relatedOf(db, NOW);
    const read = db
      .selectFrom('article_render')
      .select([
        'article_id',
        'site_stamp',
        'made_at',
        'meta',
        piecesColumn(db),
        liveRelated(db, related).as('related'),
      ]);
    const compile = (query: typeof read) => prepared(readSummariesFromCover(db, query.compile()));
    compiled = {
      one: compile(read.where('article_id', '=', ID)),
      // Batched reads (below), on PostgreSQL only: its id stand-in stands for an array of ids.
      many:
        db.getExecutor().adapter instanceof PostgresAdapter
          ? compile(read.where('article_id', '=', sql<number>`any(${ID}::integer[])`))
          : null,
    };
    compiledReads.set(db, compiled);
  }
  return compiled;
};

const run = (db: Db, compiled: Compiled, ids: number | number[], now: number) =>
  db.executeQuery<KeptRow>({
    ...compiled,
    parameters: compiled.parameters.map((p) => (p === ID ? ids : p === NOW ? now : p)),
  });

/** A statement's row as the read it stands for. */
const readOf = (db: Db, found: KeptRow): KeptArticleRead => {
  const { related, pieces, ...rest } = found;
  const relatedRows = db.getExecutor().adapter instanceof PostgresAdapter ? readJsonRows(related, SUMMARY_SHAPE) : null;
  return {
    row: { ...rest, pieces: readPieces(pieces) },
    relatedLive: relatedRows ? relatedRows.map((r) => r.id) : readIds(related),
    relatedRows,
  };
};

/** One page read alone; a meta that is not JSON fails the statement, and the row is then read without its Related. */
const readOne = async (db: Db, articleId: number, now: number): Promise<KeptArticleRead | undefined> => {
  let found: KeptRow | undefined;
  try {
    found = (await run(db, compiledRead(db).one, articleId, now)).rows[0];
  } catch {
    const row = await findArticleRenderRow(db, articleId);
    return row && { row, relatedLive: null, relatedRows: null };
  }
  return found && readOf(db, found);
};

interface Asked {
  id: number;
  now: number;
  done: (read: Promise<KeptArticleRead | undefined>) => void;
}

/** Reads waiting for the end of the current turn, per database handle. */
const waiting = new WeakMap<Db, Asked[]>();
/** At most this many pages a statement: a turn that asked more sends several. */
export const KEPT_BATCH_MAX = 64;

/**
 * Several pages read in one statement, each with its Related stories live at the earliest time asked: the reads
 * come from one turn of the event loop, milliseconds apart, and no answer is given a story before it went live. A
 * statement that fails (a meta that is not JSON among them) leaves each page to be read alone.
 */
const readMany = async (db: Db, asked: Asked[]) => {
  const now = Math.min(...asked.map((a) => a.now));
  const ids = [...new Set(asked.map((a) => a.id))];
  let rows: KeptRow[];
  try {
    rows = (await run(db, compiledRead(db).many!, ids, now)).rows;
  } catch {
    for (const a of asked) a.done(readOne(db, a.id, a.now));
    return;
  }
  const byId = new Map(rows.map((r) => [r.article_id, r]));
  // Each page read on its own promise: a row that does not read fails its own answer, not the others'.
  const readFound = async (found: KeptRow | undefined) => found && readOf(db, found);
  for (const a of asked) a.done(readFound(byId.get(a.id)));
};

const flush = (db: Db) => {
  const asked = waiting.get(db) ?? [];
  waiting.delete(db);
  for (let i = 0; i < asked.length; i += KEPT_BATCH_MAX) void readMany(db, asked.slice(i, i + KEPT_BATCH_MAX));
};

/**
 * An article's kept page with its Related stories live at `now`, in one statement (record 0029): the row by its
 * primary key, and the stories through the ids in its meta, each only if live at `now`. Separately they were two
 * statements, one waiting on the other: two round trips an answer on PostgreSQL. The statement is compiled once per
 * database handle (building and compiling it cost as much as running it) and prepared once per PostgreSQL connection
 * (planning it cost more than running it). A meta that is not JSON fails the statement; the row is then read alone,
 * and `relatedLive` is null.
 *
 * On PostgreSQL the pages asked for in one turn of the event loop (a crawler's fifty connections answered together)
 * are read in one statement at the turn's end (`setImmediate`), each page's row picked from it: a statement's round
 * trip, its bind and its description were most of what a single page's read cost, on both sides (record 0029,
 * "Later: kept reads batched"). SQLite answers within the call: nothing to share.
 */
export const findKeptArticle = (db: Db, articleId: number, now: number): Promise<KeptArticleRead | undefined> => {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return readOne(db, articleId, now);
  return new Promise((resolve, reject) => {
    let asked = waiting.get(db);
    if (!asked) {
      asked = [];
      waiting.set(db, asked);
      setImmediate(flush, db);
    }
    asked.push({ id: articleId, now, done: (read) => void read.then(resolve, reject) });
  });
};
