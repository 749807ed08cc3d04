import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * What an importer made of each thing it read (issue 17; docs/architecture/0024-wordpress-import.md): the source
 * (`wordpress`), the site it came from (the export's base address, so two blogs' post 12 stay apart), the kind
 * (post, page, author, category, attachment…) and the source's own id, opaque text, mapped to the row it became.
 * `digest` is a hash of what the importer wrote last, so the same item read again changes nothing and a changed one
 * makes one new revision. No foreign key: a row the newsroom deletes is made again by the next import.
 */
export const up = async (db: Kysely<unknown>, _dialect: Dialect): Promise<void> => {
  await db.schema
    .createTable('import_source')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_source_pk', ['source', 'site', 'kind', 'source_id'])
    .execute();
};
