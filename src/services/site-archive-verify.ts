import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { ARCHIVED_TABLES } from '../storage/repositories/site-archive-tables.repository.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveManifest,
  MANIFEST_NAME,
  ManifestHead,
  SiteArchiveError,
  archiveFileOf,
  tableFileName,
} from './site-archive-format.js';

/** A manifest is a few hundred bytes per media file; anything far beyond is not one. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const NEWLINE = 0x0a;

interface SeenFile {
  sha256: string;
  bytes: number;
  lines: number;
}

/**
 * Reads the whole archive once without writing anything: every file's checksum, size and (for tables) line
 * count against the manifest, the format's version, and the order an import needs (tables in insertion order,
 * then media). Answers the manifest when all of it holds; otherwise a SiteArchiveError saying what is wrong.
 */
export const verifySiteArchive = async (file: string, knownMigrations: readonly string[]): Promise<ArchiveManifest> => {
  const seen = new Map<string, SeenFile>();
  let manifestText: string | null = null;
  let lastTable = -1;
  let mediaStarted = false;
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), extract).catch((error: unknown) => {
    throw readFailure(file, error);
  });
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      const kind = archiveFileOf(name);
      if (entry.header.type !== 'file' || !kind) throw damaged(`it holds "${name}", which the format does not have`);
      if (seen.has(name) || (kind.kind === 'manifest' && manifestText !== null))
        throw damaged(`it holds "${name}" twice`);
      if (kind.kind === 'table') {
        const position = ARCHIVED_TABLES.findIndex((t) => t.name === kind.table);
        if (position < 0) throw damaged(`it holds a table this build does not know: ${kind.table}`);
        if (position < lastTable || mediaStarted) throw damaged(`${name} is out of order`);
        lastTable = position;
      }
      if (kind.kind === 'media') mediaStarted = true;
      const hash = createHash('sha256');
      let bytes = 0;
      let lines = 0;
      const manifestChunks: Buffer[] = [];
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        hash.update(chunk);
        bytes += chunk.byteLength;
        if (kind.kind === 'table') for (const byte of chunk) if (byte === NEWLINE) lines++;
        if (kind.kind === 'manifest') {
          if (bytes > MAX_MANIFEST_BYTES) throw damaged('its manifest is far too large to be one');
          manifestChunks.push(chunk);
        }
      }
      if (kind.kind === 'manifest') manifestText = Buffer.concat(manifestChunks).toString('utf8');
      else seen.set(name, { sha256: hash.digest('hex'), bytes, lines });
    }
    await reading;
  } catch (error) {
    extract.destroy();
    await reading.catch(() => {});
    if (error instanceof SiteArchiveError) throw error;
    throw readFailure(file, error);
  }
  if (manifestText === null)
    throw damaged(`it has no ${MANIFEST_NAME} (the manifest comes last: the file may be cut short)`);
  const manifest = parseManifest(manifestText, knownMigrations);
  checkFiles(manifest, seen);
  return manifest;
};

const damaged = (why: string) => new SiteArchiveError('damaged', `the archive is damaged: ${why}`);

const readFailure = (file: string, error: unknown): SiteArchiveError => {
  if (error instanceof SiteArchiveError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')
    return new SiteArchiveError('unreadable', `cannot read ${file} (${code})`);
  const message = error instanceof Error ? error.message : String(error);
  return damaged(`it is not a tar archive, or is cut short (${message})`);
};

const parseManifest = (text: string, knownMigrations: readonly string[]): ArchiveManifest => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged(`its ${MANIFEST_NAME} is not JSON`);
  }
  const head = ManifestHead.safeParse(json);
  if (!head.success || head.data.format !== ARCHIVE_FORMAT)
    throw damaged(`its ${MANIFEST_NAME} is not a Dateline manifest`);
  if (head.data.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new SiteArchiveError(
      'wrong-version',
      `the archive is format version ${head.data.formatVersion}; this build reads version ${ARCHIVE_FORMAT_VERSION}`,
    );
  }
  const parsed = ArchiveManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw damaged(`its ${MANIFEST_NAME} has a bad ${issue.path.join('.') || 'shape'}: ${issue.message}`);
  }
  const manifest = parsed.data;
  if (manifest.schema !== null && !knownMigrations.includes(manifest.schema)) {
    throw new SiteArchiveError(
      'newer-schema',
      `the archive comes from a newer Dateline (${manifest.appVersion}, schema ${manifest.schema}): upgrade this one first`,
    );
  }
  return manifest;
};

/** Every file the manifest lists is there, whole and unchanged, and nothing else is. */
const checkFiles = (manifest: ArchiveManifest, seen: ReadonlyMap<string, SeenFile>): void => {
  for (const [name, expected] of Object.entries(manifest.files)) {
    const found = seen.get(name);
    if (!found) throw damaged(`${name} is missing`);
    if (found.bytes !== expected.bytes || found.sha256 !== expected.sha256)
      throw damaged(`${name} does not match its checksum`);
  }
  for (const name of seen.keys()) if (!(name in manifest.files)) throw damaged(`${name} is not in the manifest`);
  for (const table of manifest.tables) {
    if (table.file !== tableFileName(table.name)) throw damaged(`the manifest names ${table.file} for ${table.name}`);
    const found = seen.get(table.file);
    if (!found) throw damaged(`${table.file} is missing`);
    if (found.lines !== table.rows)
      throw damaged(`${table.file} has ${found.lines} rows; the manifest says ${table.rows}`);
  }
};
