import type { Db } from '../database.js';

/** One importer's ids in one site: ('wordpress', 'https://old.example'). */
export interface ImportScope {
  source: string;
  site: string;
}

export interface ImportSourceRow {
  source_id: string;
  target_id: number;
  digest: string;
}

/** Every mapping of a kind in the scope, by source id: read once per import, so each item is a map lookup. */
export const importSourceRows = async (
  db: Db,
  scope: ImportScope,
  kind: string,
): Promise<Map<string, ImportSourceRow>> => {
  const rows = await db
    .selectFrom('import_source')
    .select(['source_id', 'target_id', 'digest'])
    .where('source', '=', scope.source)
    .where('site', '=', scope.site)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [r.source_id, { ...r, target_id: Number(r.target_id) }]));
};

/** Records (or moves) what a source id became and the digest of what was written. */
export const putImportSourceRow = async (
  db: Db,
  scope: ImportScope,
  kind: string,
  row: ImportSourceRow,
  at: number,
): Promise<void> => {
  await db
    .insertInto('import_source')
    .values({ ...scope, kind, ...row, imported_at: at })
    .onConflict((oc) =>
      oc
        .columns(['source', 'site', 'kind', 'source_id'])
        .doUpdateSet({ target_id: row.target_id, digest: row.digest, imported_at: at }),
    )
    .execute();
};
