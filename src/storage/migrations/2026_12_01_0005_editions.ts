import { sql, type ColumnDefinitionBuilder, type Generated, type Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * Editions (issue 13; docs/architecture/0014-editions.md). The site as it is becomes the first edition, at "/",
 * named from its current settings; every article already written belongs to it, and so does every article that
 * code unaware of editions writes later: article.edition_id defaults to the first edition's id.
 *
 * On SQLite this one runs in a transaction of its own (Kysely runs SQLite migrations without one) because a
 * half-made edition schema would stop every later start; PostgreSQL's migrator already wraps it in one.
 */
export const up = async (db: Kysely<unknown>, dialect: Dialect): Promise<void> => {
  if (dialect === 'postgres') return createEditions(db, dialect);
  // SQLite refuses to add a column that REFERENCES another table with a default other than NULL while foreign
  // keys are enforced (the existing rows could not be checked). They are off for this connection while the column
  // is added, foreign_key_check proves the rows good before the commit, and they are back on in any case.
  // The pragma is ignored inside a transaction, so it is set around it.
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await createEditions(trx, dialect);
      const broken = await sql`PRAGMA foreign_key_check(article)`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`${broken.rows.length} articles point at rows that do not exist`);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
};

async function createEditions(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = dialect === 'postgres' ? 'serial' : 'integer';
  const pk = (c: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());

  // Columns for what queries find, order and constrain by; the names, wordings and date style in one JSON text
  // read through a schema (domain/edition.ts), so a new wording needs no migration on two dialects.
  await db.schema
    .createTable('edition')
    .addColumn('id', id, pk)
    .addColumn('language', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .execute();

  const first = await firstEditionFromSettings(db);
  const firstId = (
    await db
      .withTables<{
        edition: { id: Generated<number>; language: string; prefix: string; position: number; settings: string };
      }>()
      .insertInto('edition')
      .values({ language: first.language, prefix: '/', position: 0, settings: JSON.stringify(first.settings) })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

  await db.schema
    .alterTable('article')
    .addColumn('edition_id', 'integer', (c) =>
      c.notNull().defaultTo(firstId).references('edition.id').onDelete('restrict'),
    )
    .execute();
  // Each edition's home, feeds and Latest walk its live articles newest first; its section fronts the same within
  // a section. The edition leads both, as section_id leads the front's index today.
  await db.schema
    .createIndex('article_edition_status_published')
    .on('article')
    .columns(['edition_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('article_edition_section_status_published')
    .on('article')
    .columns(['edition_id', 'section_id', 'status', 'published_at'])
    .execute();
  // What a translation link's composite foreign keys point at: with it, a link's edition columns cannot disagree
  // with the articles' own, and an article with links cannot move to another edition unnoticed.
  await db.schema.createIndex('article_id_edition').on('article').columns(['id', 'edition_id']).unique().execute();

  // Sections are shared; another edition may name them, and address them, in its own words. No row: the section's
  // own name and slug (the first edition's) serve.
  await db.schema
    .createTable('section_name')
    .addColumn('section_id', 'integer', (c) => c.notNull().references('section.id').onDelete('cascade'))
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('edition.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('section_name_pk', ['section_id', 'edition_id'])
    .addUniqueConstraint('section_name_edition_slug', ['edition_id', 'slug'])
    .execute();

  // A source article and its translation into another edition. The primary key is the rule "one translation per
  // edition": a second link from the same source into the same edition is refused by the database itself. A
  // translation has one source (unique translation_id).
  await db.schema
    .createTable('article_translation')
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('source_edition_id', 'integer', (c) => c.notNull())
    .addColumn('translation_id', 'integer', (c) => c.notNull().unique())
    .addColumn('translation_edition_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // Set when the source had a significant update after the translation went live; cleared when the translation
    // is updated or an editor dismisses the mark. The desk lists the links where it is set.
    .addColumn('source_updated_at', 'bigint')
    .addPrimaryKeyConstraint('article_translation_pk', ['article_id', 'translation_edition_id'])
    .addForeignKeyConstraint(
      'article_translation_source',
      ['article_id', 'source_edition_id'],
      'article',
      ['id', 'edition_id'],
      (c) => c.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'article_translation_translation',
      ['translation_id', 'translation_edition_id'],
      'article',
      ['id', 'edition_id'],
      (c) => c.onDelete('cascade'),
    )
    .addCheckConstraint('article_translation_other_edition', sql`source_edition_id <> translation_edition_id`)
    .execute();
}

/**
 * The first edition as the site is today: its language and names from the stored settings, each falling back to
 * the default the site shows when none is stored or the stored one would not validate (settings.ts's rules, copied
 * here: a migration describes the data as it was, and must not change when that file does). English datelines and
 * wordings: what the reader prints today, whatever the language setting says.
 */
async function firstEditionFromSettings(db: Kysely<unknown>) {
  const rows = await db
    .withTables<{ setting: { key: string; value: string } }>()
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', ['publicationName', 'shortName', 'tagline', 'timeZoneLabel', 'language'])
    .execute();
  const stored = new Map<string, unknown>();
  for (const row of rows) {
    try {
      stored.set(row.key, JSON.parse(row.value));
    } catch {
      // Unreadable: the default stands, as it does for the site.
    }
  }
  const text = (key: string, fallback: string, min: number, max: number): string => {
    const value = stored.get(key);
    return typeof value === 'string' && value.length >= min && value.length <= max ? value : fallback;
  };
  const storedLanguage = stored.get('language');
  let language = 'en';
  if (typeof storedLanguage === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(storedLanguage)) {
    try {
      language = Intl.getCanonicalLocales(storedLanguage)[0] ?? 'en';
    } catch {
      // A tag the settings' pattern let through but Intl does not take: the default, as for any bad value.
    }
  }
  return {
    language,
    settings: {
      publicationName: text('publicationName', 'Dateline News', 1, 120),
      shortName: text('shortName', 'DN', 1, 20),
      tagline: text('tagline', 'News from Tokyo and the world', 0, 200),
      timeZoneLabel: text('timeZoneLabel', 'JST', 1, 10),
      dateStyle: 'en',
      topArticlesHeading: 'Top Articles in {section}',
      rankingHeading: '{shortName} ACCESS RANKING',
    },
  };
}
