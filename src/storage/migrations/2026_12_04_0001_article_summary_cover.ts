import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * A covering index of what an article's summary shows (a list entry: headline, standfirst, section, edition, dates,
 * photo), keyed by id, on SQLite. SQLite keeps a row's columns in their declared order, and `body` and `body_text`
 * (6-7 KB together in a typical archive) come before `section_id`, `status` and the dates: reading a summary by its
 * primary key read the row's overflow pages too, ten page reads for each of an article page's six Related stories,
 * at random across the archive. From this index a summary is one page (measured on a 10,000-article archive, six
 * summaries by id: 528 page reads per 3,000 lookups against 30,135, and about a ninth of the time). The statements
 * that read summaries by id name it (kept-article.repository.ts). PostgreSQL stores long text out of line, so its
 * rows are read without the bodies and it gets no such index.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  if (dialect !== 'sqlite') return;
  await db.schema
    .createIndex('article_summary_cover')
    .on('article')
    .columns([
      'id',
      'status',
      'published_at',
      'edition_id',
      'section_id',
      'first_published_at',
      'photo_media_id',
      'headline',
      'standfirst',
      'photo_caption',
      'photo_credit',
      'photo_alt',
    ])
    .execute();
};
