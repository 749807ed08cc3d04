import type { Compilable, CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from './database.js';

/**
 * The comment that marks a statement to be prepared: on PostgreSQL it is parsed and planned once per connection and
 * then run by name, instead of planned at every run. Measured on the kept article page's read (record 0029): 1.0-1.3
 * ms of PostgreSQL's CPU unprepared, 0.2-0.3 ms prepared; the article page's statement 0.7-1.7 ms against 0.15-0.2.
 * Only statements of a fixed text are marked: each text costs a prepared statement per connection for the
 * connection's life. SQLite reads it as a comment, and its statement cache keeps statements by text anyway.
 *
 * A connection pooler in transaction mode does not keep prepared statements before PgBouncer 1.21: there
 * DATABASE_PREPARED_STATEMENTS=0 runs marked statements as any other (docs/deploy/README.md).
 */
export const PREPARED = '/* prepared */ ';

/** The compiled statement with the mark in front. */
export const prepared = <R>(compiled: CompiledQuery<R>): CompiledQuery<R> => ({
  ...compiled,
  sql: PREPARED + compiled.sql,
});

/** Builds, marks and runs a select: its rows. */
export const executePrepared = async <R>(db: Db, query: Compilable<R>): Promise<R[]> =>
  (await db.executeQuery(prepared(query.compile()))).rows;

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes a pooled PostgreSQL client run marked statements by name (node-postgres prepares a named statement the first
 * time the connection sees it). Names are given per pool, in the order texts are first seen.
 */
export const preparingMarked = (names: Map<string, string>) => (client: pg.PoolClient) => {
  const query = client.query.bind(client) as Query;
  const named: Query = (config, values, callback) => {
    if (typeof config !== 'string' || !config.startsWith(PREPARED)) return query(config, values, callback);
    let name = names.get(config);
    if (name === undefined) {
      name = `dateline_${names.size + 1}`;
      names.set(config, name);
    }
    return query({ name, text: config, values }, callback);
  };
  (client as unknown as { query: Query }).query = named;
};
