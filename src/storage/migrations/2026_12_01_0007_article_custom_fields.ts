import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Plugins' custom fields per article (issue 14): one JSON object as text (domain/custom-fields.ts), null when the
 * article has none, so articles saved without plugins store what they did before. Text on both dialects: the values
 * are read and written whole with the article, never queried inside.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema.alterTable('article').addColumn('custom_fields', 'text').execute();
};
