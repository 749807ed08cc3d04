import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/** The newsroom's activity list reads the newest saves across all articles: by time, not by article. */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema.createIndex('article_revision_saved_at').on('article_revision').column('saved_at').execute();
};
