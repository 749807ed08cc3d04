import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Article pages rendered when the article is written (issue 10; docs/architecture/0009-hot-path.md, "What the
 * archive walk needs next"): one row per article, the pieces its page is stitched from and what they were made
 * with. The pieces and their description are opaque here; the site stamp says which site they were rendered for,
 * so a change of settings, sections or build makes every row stale without touching one.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  await db.schema
    .createTable('article_render')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('article.id').onDelete('cascade'))
    .addColumn('site_stamp', 'text', (c) => c.notNull())
    .addColumn('made_at', 'bigint', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('pieces', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .execute();
};
