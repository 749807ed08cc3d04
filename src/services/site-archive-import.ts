import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Db, Dialect } from '../storage/database.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import {
  clearReplacedTables,
  countVariantsWithoutBytes,
  insertArchiveRows,
  moveSequencesPastIds,
  setMediaVariantBytes,
  setSectionParent,
  type ArchiveRow,
} from '../storage/repositories/site-archive.repository.js';
import {
  appliedMigrations,
  archivedTablesOf,
  listTables,
  tableColumns,
  tablesWithRows,
} from '../storage/repositories/site-archive-tables.repository.js';
import { rebuildSearchIndex } from '../storage/search/search-indexing.js';
import { SECRET_KEY_FILE, SecretKeyError, loadSecretKey } from './secret-key.js';
import { SiteArchiveError, archiveFileOf, isPlainValue, type ArchiveManifest } from './site-archive-format.js';
import { verifySiteArchive } from './site-archive-verify.js';

/** Rows per insert: well under both databases' limits on parameters at some 30 columns a row. */
const INSERT_BATCH = 200;
/** The setting secret-key.ts keeps the key file's fingerprint in: present when secrets were sealed. */
const FINGERPRINT_SETTING = 'secret-key.fingerprint';

export interface ImportSummary {
  tables: { name: string; rows: number }[];
  mediaFiles: number;
  /** Sealed admin secrets that need the old site's secret.key, which is not yet in the data folder. */
  secretKeyMissing: boolean;
}

/** Refuses a database that holds a site already, before the archive is even read. */
export const refuseFilledDatabase = async (db: Db, dialect: Dialect): Promise<void> => {
  const filled = await tablesWithRows(db, archivedTablesOf(await listTables(db, dialect)));
  if (filled.length > 0) {
    throw new SiteArchiveError(
      'not-empty',
      `this database holds a site already (rows in ${filled.join(', ')}): import into an empty one ` +
        '(a new DATELINE_DATA folder, or a new PostgreSQL database, started with DATELINE_DEMO=0)',
    );
  }
};

/**
 * Loads an archive into an empty database: the whole file is checked first (verifySiteArchive), then read again
 * and written in one transaction, ids kept, the search index rebuilt from the rows and the content version
 * moved so running servers drop what they cached. Any failure rolls everything back.
 */
export const importSite = async (
  db: Db,
  dialect: Dialect,
  dataDir: string,
  file: string,
  opts: { onProgress?: (line: string) => void } = {},
): Promise<ImportSummary> => {
  const progress = opts.onProgress ?? (() => {});
  await refuseFilledDatabase(db, dialect);
  const manifest = await verifySiteArchive(file, await appliedMigrations(db));
  progress(`checked ${Object.keys(manifest.files).length} files against the manifest`);
  return db.transaction().execute(async (trx) => {
    await refuseFilledDatabase(trx, dialect);
    const tables = archivedTablesOf(await listTables(trx, dialect));
    await refuseUnknownColumns(
      trx,
      dialect,
      manifest,
      tables.map((t) => t.name),
    );
    await clearReplacedTables(trx);
    const loaded = await loadEntries(trx, file, manifest, progress);
    const missingBytes = await countVariantsWithoutBytes(trx);
    if (missingBytes > 0)
      throw new SiteArchiveError('damaged', `the archive is damaged: ${missingBytes} media variants have no bytes`);
    const secretKeyMissing = loaded.sealed ? !(await checkSecretKey(trx, dataDir)) : false;
    await moveSequencesPastIds(trx, dialect, tables);
    // Nobody searches a database being imported into: the index is built whole, the fastest way.
    const indexed = await rebuildSearchIndex(trx, undefined, { bulk: true });
    progress(`search index: ${indexed.articles} articles and ${indexed.pages} pages`);
    await bumpContentVersion(trx);
    return {
      tables: manifest.tables.map(({ name, rows }) => ({ name, rows })),
      mediaFiles: loaded.mediaFiles,
      secretKeyMissing,
    };
  });
};

/** Every table and column of the archive exists here (an older build may lack a newer table's column). */
const refuseUnknownColumns = async (db: Db, dialect: Dialect, manifest: ArchiveManifest, tables: string[]) => {
  for (const table of manifest.tables) {
    if (!tables.includes(table.name))
      throw new SiteArchiveError('newer-schema', `this database has no table ${table.name}: upgrade Dateline first`);
    const columns = await tableColumns(db, dialect, table.name);
    const missing = table.columns.filter((c) => !columns.includes(c));
    if (missing.length > 0)
      throw new SiteArchiveError(
        'newer-schema',
        `this database's ${table.name} has no ${missing.join(', ')}: upgrade Dateline first`,
      );
  }
};

/** The second reading: rows in batches as their files come, then each variant's bytes. */
const loadEntries = async (db: Db, file: string, manifest: ArchiveManifest, progress: (line: string) => void) => {
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), extract);
  let mediaFiles = 0;
  let sealed = false;
  try {
    for await (const entry of extract) {
      const kind = archiveFileOf(entry.header.name);
      if (kind?.kind === 'table') {
        const columns = manifest.tables.find((t) => t.name === kind.table)!.columns;
        const rows = await insertLines(db, kind.table, columns, entry as AsyncIterable<Buffer>);
        if (kind.table === 'setting') sealed = await hasFingerprint(db);
        progress(`${kind.table}: ${rows} rows`);
      } else if (kind?.kind === 'media') {
        const chunks: Buffer[] = [];
        for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
        if ((await setMediaVariantBytes(db, kind.mediaId, kind.variant, Buffer.concat(chunks))) !== 1)
          throw new SiteArchiveError('damaged', `the archive is damaged: ${entry.header.name} belongs to no variant`);
        mediaFiles++;
      } else {
        for await (const _ of entry as AsyncIterable<Buffer>);
      }
    }
    await reading;
  } catch (error) {
    extract.destroy();
    await reading.catch(() => {});
    throw error;
  }
  if (mediaFiles > 0) progress(`media: ${mediaFiles} files`);
  return { mediaFiles, sealed };
};

/** One table's JSON lines, inserted a batch at a time; a section's parent is set once all sections exist. */
const insertLines = async (db: Db, table: string, columns: string[], chunks: AsyncIterable<Buffer>) => {
  const parents: [number, number][] = [];
  let batch: ArchiveRow[] = [];
  let count = 0;
  const flush = async () => {
    await insertArchiveRows(db, table, batch);
    count += batch.length;
    batch = [];
  };
  for await (const line of linesOf(chunks)) {
    const row = rowOf(table, columns, line);
    if (table === 'section' && row.parent_id !== null) {
      parents.push([Number(row.id), Number(row.parent_id)]);
      row.parent_id = null;
    }
    // A variant's bytes come later, as a file of their own.
    if (table === 'media_variant') row.bytes = new Uint8Array(0);
    batch.push(row);
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
  for (const [id, parentId] of parents) await setSectionParent(db, id, parentId);
  return count;
};

/** The checksum proved the file is what the export wrote; a row of another shape is still refused, by name. */
const rowOf = (table: string, columns: string[], line: string): ArchiveRow => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new SiteArchiveError('damaged', `the archive is damaged: a row of ${table} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new SiteArchiveError('damaged', `the archive is damaged: a row of ${table} is not an object`);
  const source = parsed as Record<string, unknown>;
  const row: ArchiveRow = {};
  for (const column of columns) {
    const value = source[column];
    if (!isPlainValue(value))
      throw new SiteArchiveError('damaged', `the archive is damaged: ${table}.${column} holds an unreadable value`);
    row[column] = value;
  }
  return row;
};

async function* linesOf(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let rest = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of chunks) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield line;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}

const hasFingerprint = async (db: Db): Promise<boolean> =>
  (await db.selectFrom('setting').select('key').where('key', '=', FINGERPRINT_SETTING).executeTakeFirst()) !==
  undefined;

/**
 * Admin API secrets stay sealed under the old site's secret.key, which the archive does not carry (record 0025).
 * When the data folder has a key file, it must be that one, or the import is refused (rolled back); when it has
 * none, the import goes on and says to copy it. Answers whether the key file was there.
 */
const checkSecretKey = async (db: Db, dataDir: string): Promise<boolean> => {
  const path = join(dataDir, SECRET_KEY_FILE);
  if (
    !(await access(path).then(
      () => true,
      () => false,
    ))
  )
    return false;
  try {
    await loadSecretKey(db, dataDir);
    return true;
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    throw new SiteArchiveError(
      'secret-key',
      `${path} is not the key the archive's admin API secrets were sealed with: replace it with the old site's ` +
        `${SECRET_KEY_FILE} (nothing on this site uses it yet)`,
    );
  }
};
