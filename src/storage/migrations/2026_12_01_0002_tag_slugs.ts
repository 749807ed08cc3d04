import { sql, type Kysely } from 'kysely';
import { tagSlug } from '../../domain/tag.js';
import type { Dialect } from '../database.js';

/**
 * Tags get the slug their pages and feeds are found by (domain/tag.ts): one page for every spelling of a tag.
 * Existing rows are filled here, one update per distinct spelling, computed by the same function the writes use
 * (no SQL function could match its Unicode rules in both dialects). The author pages' index comes with them.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  // SQLite adds a NOT NULL column only with a default; every write fills it, so the empty default is never read.
  await db.schema
    .alterTable('article_tag')
    .addColumn('tag_slug', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  const spellings = await sql<{ tag: string }>`select distinct tag from article_tag`.execute(db);
  for (const { tag } of spellings.rows) {
    await sql`update article_tag set tag_slug = ${tagSlug(tag)} where tag = ${tag}`.execute(db);
  }

  // A tag page lists the articles of one slug; the article id lets the listing join without reading the table.
  await db.schema.createIndex('article_tag_slug').on('article_tag').columns(['tag_slug', 'article_id']).execute();
  // The author pages list one author's articles: the byline table's key starts with the article, so without
  // this every author page would read every byline.
  await db.schema
    .createIndex('article_author_author')
    .on('article_author')
    .columns(['author_id', 'article_id'])
    .execute();
};
