import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Author profiles for everyone (issue 11): a job title, a photo from the media library, links (JSON of
 * website, x, bluesky, mastodon, linkedin URLs; read through a schema) and the newsroom account whose own
 * byline this is. The account link lives on the author, not the account: an author needs no account (a
 * columnist who files by e-mail), and an account has at most one profile, which the unique index keeps.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema
    .alterTable('author')
    .addColumn('job_title', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('author')
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('author')
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('author')
    .addColumn('user_id', 'integer', (c) => c.references('user_account.id').onDelete('set null'))
    .execute();
  // NULLs never clash in a unique index, on SQLite or PostgreSQL: any number of authors may have no account.
  await db.schema.createIndex('author_user_id').on('author').column('user_id').unique().execute();
};
