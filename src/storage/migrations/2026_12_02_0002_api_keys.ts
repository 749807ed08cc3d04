import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Keys for the Ghost-compatible APIs (issue 16; docs/architecture/0018-api-keys.md). A content key is public by
 * design and kept as it is, unique so a request's `?key=` finds its row by index. An admin key's secret is kept
 * sealed (AES-256-GCM under a key file outside the database), never in clear: Admin API clients sign JWTs with it,
 * so the server needs the secret itself to check them, and a hash would not do.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema
    .createTable('api_key')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('content_key', 'text', (c) => c.unique())
    .addColumn('secret_sealed', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
};
