import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Old addresses kept (issue 17; docs/architecture/0023-redirects.md): each row answers one old address with a 301 to
 * a page of the site. `from_path` is the address normalised as services/redirects-path.ts says (case kept, percent
 * escapes in one spelling, no trailing slash, a query sorted), so the reader's single lookup by primary key finds it
 * however the request spelled it. `source` says who made it (wordpress, ghost, newsroom, site-import).
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema
    .createTable('redirect')
    .addColumn('from_path', 'text', (c) => c.primaryKey())
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Saving A → B rewrites every X → A to X → B (no chains): found by target.
  await db.schema.createIndex('redirect_to_path').on('redirect').column('to_path').execute();
  // The newsroom lists the newest first.
  await db.schema.createIndex('redirect_created_at').on('redirect').columns(['created_at', 'from_path']).execute();
};
