import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Db, Dialect } from '../storage/database.js';
import { inReadSnapshot, tableRowPages } from '../storage/repositories/site-archive.repository.js';
import {
  archivedTablesOf,
  latestAppliedMigration,
  listTables,
  tableColumns,
  unknownTables,
  type ArchivedTable,
} from '../storage/repositories/site-archive-tables.repository.js';
import {
  APP_VERSION,
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  MANIFEST_NAME,
  SiteArchiveError,
  isArchivableVariantName,
  isPlainValue,
  mediaFileName,
  tableFileName,
  type ArchiveManifest,
} from './site-archive-format.js';

/** Rows read per query: a page of 500 articles is a few MB at most. */
const ROW_PAGE = 500;
/** Variants read per query with their bytes: a variant is at most a few MB, so a page stays small. */
const BYTES_PAGE = 8;

export interface ExportSummary {
  tables: { name: string; rows: number }[];
  mediaFiles: number;
  bytes: number;
  sealedSecrets: number;
}

type Pack = ReturnType<typeof tar.pack>;

/**
 * Writes the whole site to `out` from one consistent snapshot, while the site goes on serving. Rows go first to
 * a JSON-lines file per table beside the output (a tar entry must state its size before its bytes), then into
 * the tar; media bytes go straight from the database into it. The output appears under its name only when
 * complete: a failed export leaves nothing that looks like an archive.
 */
export const exportSite = async (
  db: Db,
  dialect: Dialect,
  out: string,
  opts: { now?: Date; onProgress?: (line: string) => void } = {},
): Promise<ExportSummary> => {
  if (await exists(out)) throw new SiteArchiveError('exists', `${out} exists already: choose another name`);
  const progress = opts.onProgress ?? (() => {});
  const partial = `${out}.partial`;
  const work = await mkdtemp(join(dirname(out), '.dateline-export-'));
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(partial));
  try {
    const files: ArchiveManifest['files'] = {};
    const manifest = await inReadSnapshot(db, dialect, async (snapshot) => {
      const present = await listTables(snapshot, dialect);
      const unknown = unknownTables(present);
      if (unknown.length > 0) {
        throw new SiteArchiveError(
          'unknown-table',
          `the archive format does not know the table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ` +
            'add it to site-archive-tables.repository.ts (archived or left out, with the reason)',
        );
      }
      const tables: ArchiveManifest['tables'] = [];
      for (const table of archivedTablesOf(present)) {
        const columns = (await tableColumns(snapshot, dialect, table.name)).filter(
          (c) => !(table.name === 'media_variant' && c === 'bytes'),
        );
        const spool = join(work, `${table.name}.jsonl`);
        const { rows, sha256, bytes } = await spoolRows(snapshot, table, columns, spool);
        const name = tableFileName(table.name);
        await addFileEntry(pack, name, spool, bytes);
        await rm(spool);
        files[name] = { sha256, bytes };
        tables.push({ name: table.name, file: name, rows, columns });
        progress(`${table.name}: ${rows} rows`);
      }
      const mediaFiles = present.includes('media_variant') ? await addMediaEntries(snapshot, pack, files) : 0;
      if (mediaFiles > 0) progress(`media: ${mediaFiles} files`);
      const sealed = tables.find((t) => t.name === 'api_key')
        ? Number(
            (
              await snapshot
                .selectFrom('api_key')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('secret_sealed', 'is not', null)
                .executeTakeFirstOrThrow()
            ).n,
          )
        : 0;
      return {
        format: ARCHIVE_FORMAT,
        formatVersion: ARCHIVE_FORMAT_VERSION,
        appVersion: APP_VERSION,
        createdAt: (opts.now ?? new Date()).toISOString(),
        from: dialect,
        schema: await latestAppliedMigration(snapshot),
        tables,
        files,
        sealedSecrets: sealed,
      } satisfies ArchiveManifest;
    });
    await addBufferEntry(pack, MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`));
    pack.finalize();
    await written;
    await rename(partial, out);
    return {
      tables: manifest.tables.map(({ name, rows }) => ({ name, rows })),
      mediaFiles: Object.keys(files).length - manifest.tables.length,
      bytes: (await stat(out)).size,
      sealedSecrets: manifest.sealedSecrets,
    };
  } catch (error) {
    pack.destroy(error instanceof Error ? error : new Error(String(error)));
    await written.catch(() => {});
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** One table's rows as JSON lines in a file, hashed and counted on the way. */
const spoolRows = async (db: Db, table: ArchivedTable, columns: readonly string[], file: string) => {
  const hash = createHash('sha256');
  const stream = createWriteStream(file);
  let rows = 0;
  let bytes = 0;
  try {
    for await (const page of tableRowPages(db, table, columns, ROW_PAGE)) {
      let text = '';
      for (const row of page) {
        for (const column of columns) {
          if (!isPlainValue(row[column]))
            throw new SiteArchiveError(
              'unarchivable',
              `${table.name}.${column} holds a value that is not text, a number or null; the archive format cannot carry it`,
            );
        }
        text += `${JSON.stringify(row)}\n`;
      }
      rows += page.length;
      const chunk = Buffer.from(text);
      hash.update(chunk);
      bytes += chunk.byteLength;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  } finally {
    stream.end();
    await once(stream, 'close');
  }
  return { rows, sha256: hash.digest('hex'), bytes };
};

/** Every variant's bytes as `media/{id}/{name}`, in key order, read a few at a time. */
const addMediaEntries = async (db: Db, pack: Pack, files: ArchiveManifest['files']): Promise<number> => {
  let count = 0;
  const table: ArchivedTable = { name: 'media_variant', key: ['media_id', 'name'] };
  for await (const page of tableRowPages(db, table, ['media_id', 'name', 'bytes'], BYTES_PAGE)) {
    for (const row of page) {
      const name = String(row.name);
      if (!isArchivableVariantName(name))
        throw new SiteArchiveError('unarchivable', `media ${String(row.media_id)} has a variant named "${name}"`);
      const bytes = Buffer.from(row.bytes as Uint8Array);
      const file = mediaFileName(Number(row.media_id), name);
      files[file] = { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength };
      await addBufferEntry(pack, file, bytes);
      count++;
    }
  }
  return count;
};

/** Modes and times are fixed: the same site exported twice gives the same entries. */
const header = (name: string, size: number) => ({ name, size, mode: 0o644, mtime: new Date(0), type: 'file' as const });

/** Writes one entry, waiting while the tar's reader is behind, so a large site never piles up in memory. */
const writeEntry = async (pack: Pack, name: string, size: number, chunks: AsyncIterable<Buffer> | Buffer[]) => {
  let entry!: ReturnType<Pack['entry']>;
  const finished = new Promise<void>((resolve, reject) => {
    entry = pack.entry(header(name, size), (error) => (error ? reject(error) : resolve()));
  });
  for await (const chunk of chunks) {
    if (!entry.write(chunk)) await once(entry, 'drain');
  }
  entry.end(undefined);
  await finished;
};

const addFileEntry = (pack: Pack, name: string, file: string, size: number) =>
  writeEntry(pack, name, size, createReadStream(file) as AsyncIterable<Buffer>);

const addBufferEntry = (pack: Pack, name: string, bytes: Buffer) => writeEntry(pack, name, bytes.byteLength, [bytes]);
