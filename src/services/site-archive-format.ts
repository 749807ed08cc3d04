import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * The whole-site archive (docs/architecture/0025-site-archive.md): a tar holding one JSON-lines file per table
 * (`tables/{table}.jsonl`, in insertion order), then each media variant's bytes (`media/{media id}/{variant}`),
 * then `manifest.json`, last because it holds every other file's checksum.
 */
export const ARCHIVE_FORMAT = 'dateline-site-archive';
/** Moves when a reader of the previous version could not read the new one right. */
export const ARCHIVE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';
export const APP_VERSION = packageJson.version;

export const tableFileName = (table: string): string => `tables/${table}.jsonl`;
export const mediaFileName = (mediaId: number, variant: string): string => `media/${mediaId}/${variant}`;

const TABLE_FILE = /^tables\/([a-z_]+)\.jsonl$/;
const MEDIA_FILE = /^media\/([1-9][0-9]{0,14})\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/** What a file name in the archive stands for; null for a name the format does not have. */
export const archiveFileOf = (
  name: string,
):
  | { kind: 'table'; table: string }
  | { kind: 'media'; mediaId: number; variant: string }
  | { kind: 'manifest' }
  | null => {
  if (name === MANIFEST_NAME) return { kind: 'manifest' };
  const table = TABLE_FILE.exec(name);
  if (table) return { kind: 'table', table: table[1]! };
  const media = MEDIA_FILE.exec(name);
  if (media) return { kind: 'media', mediaId: Number(media[1]), variant: media[2]! };
  return null;
};

/** A variant name that can be a file name in the archive (domain/media.ts makes `w640.webp`, `square.jpg`…). */
export const isArchivableVariantName = (name: string): boolean => MEDIA_FILE.test(`media/1/${name}`);

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ArchiveManifest = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.literal(ARCHIVE_FORMAT_VERSION),
  appVersion: z.string(),
  createdAt: z.string(),
  /** The database the archive was read from: sqlite or postgres. */
  from: z.enum(['sqlite', 'postgres']),
  /** The last migration the source had applied: a build that lacks it cannot take the rows. */
  schema: z.string().nullable(),
  tables: z.array(
    z.object({
      name: z.string(),
      file: z.string(),
      rows: z.number().int().nonnegative(),
      columns: z.array(z.string()),
    }),
  ),
  files: z.record(z.string(), z.object({ sha256: Sha256, bytes: z.number().int().nonnegative() })),
  /** How many admin API keys have secrets sealed under the source's secret.key (not in the archive). */
  sealedSecrets: z.number().int().nonnegative(),
});
export type ArchiveManifest = z.infer<typeof ArchiveManifest>;

/** The first check of a manifest: what version it says it is, read before its shape is trusted. */
export const ManifestHead = z.object({ format: z.string(), formatVersion: z.number() }).passthrough();

export type SiteArchiveProblem =
  | 'unreadable'
  | 'damaged'
  | 'wrong-version'
  | 'newer-schema'
  | 'not-empty'
  | 'secret-key'
  | 'exists'
  | 'unknown-table'
  | 'unarchivable';

/** An archive refused, or an export that cannot be made: a message for the operator, never a stack trace. */
export class SiteArchiveError extends Error {
  constructor(
    readonly problem: SiteArchiveProblem,
    message: string,
  ) {
    super(message);
  }
}

/** What a media row of the manifest or a JSON line may hold: text, numbers and null (bytes travel as files). */
export const isPlainValue = (value: unknown): boolean =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
