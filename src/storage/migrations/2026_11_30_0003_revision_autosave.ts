import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * What a revision list shows, kept beside the stored copy so a list never reads it: whether the row is an autosave
 * (a run of autosaves by one person keeps one row, rewritten in place), the stored copy's size in bytes, and the
 * state the save left the article in.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  await db.schema
    .alterTable('article_revision')
    .addColumn('autosave', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('article_revision')
    .addColumn('size', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('article_revision').addColumn('status', 'text').execute();

  // Revisions saved before this migration: a copy that is not JSON keeps no state (the list says "unknown").
  if (dialect === 'sqlite') {
    await sql`update article_revision set size = length(cast(snapshot as blob)),
      status = case when json_valid(snapshot) then json_extract(snapshot, '$.status') end`.execute(db);
  } else {
    // PostgreSQL 15 has no IS JSON test: a cast that fails is caught, row by row, by this session's own function.
    await sql`create function pg_temp.dateline_snapshot_status(copy text) returns text language plpgsql as $$
      begin return copy::json ->> 'status'; exception when others then return null; end $$`.execute(db);
    await sql`update article_revision set size = octet_length(snapshot),
      status = pg_temp.dateline_snapshot_status(snapshot)`.execute(db);
    await sql`drop function pg_temp.dateline_snapshot_status(text)`.execute(db);
  }

  // SQLite keeps a row's columns in one record: the columns added above come after the stored copy, so reading
  // them from the table would walk its overflow pages. A list reads this index alone (it covers every listed
  // column); the primary key (article_id, revision) still serves reads of one stored copy.
  await db.schema
    .createIndex('article_revision_list')
    .on('article_revision')
    .columns(['article_id', 'revision', 'saved_by', 'saved_at', 'autosave', 'size', 'status'])
    .execute();
};
