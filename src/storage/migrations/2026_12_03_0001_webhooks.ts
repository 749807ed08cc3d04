import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Ghost-style webhooks (issue 16; docs/architecture/0022-webhooks.md). A webhook belongs to an API key (Ghost's
 * integration) and goes when its key goes. Deliveries are queued rows, so a change is never lost to a restart: any
 * serving process claims due rows (claimed_until) and sends them; a sent or abandoned row stays as the log.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  await db.schema
    .createTable('webhook')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_key.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('target_url', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('secret', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_triggered_at', 'bigint')
    .addColumn('last_triggered_status', 'integer')
    .addColumn('last_triggered_error', 'text')
    .execute();
  await db.schema.createIndex('webhook_event').on('webhook').column('event').execute();
  await db.schema.createIndex('webhook_api_key').on('webhook').column('api_key_id').execute();

  const id = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhook.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('claimed_until', 'bigint')
    .addColumn('claim', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // The poll reads due rows by next_attempt_at (null once sent or abandoned); the newsroom lists a webhook's newest.
  await db.schema.createIndex('webhook_delivery_due').on('webhook_delivery').column('next_attempt_at').execute();
  await db.schema
    .createIndex('webhook_delivery_webhook')
    .on('webhook_delivery')
    .columns(['webhook_id', 'created_at'])
    .execute();
};
