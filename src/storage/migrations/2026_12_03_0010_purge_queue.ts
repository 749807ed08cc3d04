import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Purges of the cache in front (issue 18; docs/architecture/0026-purge-on-change.md). Every reader-visible change
 * queues the surrogate keys it touched, in its own transaction, whichever process made it (newsroom, APIs,
 * scheduler, CLI imports). The serving processes that have a purger configured claim due rows (claimed_until, as
 * webhook deliveries are claimed) and send their keys; a sent row is kept a day as the log, then pruned.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('purge_request')
    .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('keys', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('claimed_until', 'bigint')
    .addColumn('claim', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('purge_request_due').on('purge_request').column('next_attempt_at').execute();
  await db.schema.createIndex('purge_request_created').on('purge_request').column('created_at').execute();
};
