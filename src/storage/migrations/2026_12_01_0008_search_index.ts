import { sql, type Kysely } from 'kysely';
import { rebuildSearchIndex } from '../search/search-indexing.js';
import type { Db, Dialect } from '../database.js';

/**
 * Full-text search (issue 15, record 0017). SQLite: FTS5 tables without stored content, one per relevance tier, their row id
 * the document's key, and `search_entry` remembering each document's key. PostgreSQL: `search_entry` holds each
 * tier's text and the facets as tsvectors, each GIN-indexed. Then the index is built from the archive, with
 * a line of progress every few thousand documents when there is one to build.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  if (dialect === 'sqlite') {
    // Each entry's key, and the filters most of an archive shares (sqlite-search-index.ts: entryConditions).
    await sql`create table search_entry (key integer primary key, kind text not null, ref_id integer not null,
      edition_id integer not null, status text not null)`.execute(db);
    // One table per relevance tier (sqlite-search-index.ts says why).
    await sql`create virtual table search_headline using fts5(
      headline, facets, content = '', contentless_delete = 1, tokenize = 'ascii')`.execute(db);
    await sql`create virtual table search_summary using fts5(
      headline, standfirst, people, tags, facets, content = '', contentless_delete = 1, tokenize = 'ascii')`.execute(
      db,
    );
    await sql`create virtual table search_text using fts5(
      headline, standfirst, people, tags, body, facets,
      content = '', contentless_delete = 1, tokenize = 'ascii')`.execute(db);
  } else {
    await sql`create table search_entry (
      key bigint primary key, kind text not null, ref_id integer not null,
      headline tsvector not null, summary tsvector not null, document tsvector not null, facets tsvector not null)`.execute(
      db,
    );
    // Without fastupdate, an entry goes into the index as it is written; with it, a rebuild's entries wait in a
    // pending list that every search reads whole until a vacuum (28 ms for a word nobody wrote at 10,000 articles).
    for (const column of ['headline', 'summary', 'document', 'facets']) {
      await sql`create index ${sql.id(`search_entry_${column}`)} on search_entry
        using gin (${sql.id(column)}) with (fastupdate = off)`.execute(db);
    }
    // The planner guesses a word it has no statistics for at half the rarest word it has: with the default sample,
    // far too many for a rare word, so it walked the key order backwards looking for 20 matches (330 ms at 100,000
    // articles). A larger sample holds rarer words, and a rare word's guess falls below what a walk is worth.
    for (const column of ['headline', 'summary', 'document']) {
      await sql`alter table search_entry alter column ${sql.id(column)} set statistics 1000`.execute(db);
    }
  }
  await sql`create unique index search_entry_ref on search_entry (kind, ref_id)`.execute(db);

  await rebuildSearchIndex(db as unknown as Db, ({ kind, done, total }) => {
    if (done % 5_000 === 0 || done === total) process.stderr.write(`search index: ${done} of ${total} ${kind}s\n`);
  });
};
