import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { createStorage } from '../storage/database.js';
import { migrateToLatest, topUpPlannerStatistics } from '../storage/migrate.js';
import { withStartupLock } from '../storage/startup-lock.js';
import { SECRET_KEY_FILE } from '../services/secret-key.js';
import { exportSite } from '../services/site-archive-export.js';
import { SiteArchiveError } from '../services/site-archive-format.js';
import { importSite } from '../services/site-archive-import.js';
import { type CliIo, UsageError, parseOptions, refused } from './cli-support.js';

const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** Opens the configured storage, migrated, with its dialect (the archive reads and writes both ways). */
const withDialectStorage = async <T>(
  config: Config,
  run: (db: ReturnType<typeof createStorage>['db'], dialect: 'sqlite' | 'postgres') => Promise<T>,
): Promise<T> => {
  const storage = createStorage(config);
  try {
    await withStartupLock(storage, () => migrateToLatest(storage.db, storage.dialect, storage.schema));
    const result = await run(storage.db, storage.dialect);
    // A restored site is new content throughout: its statistics are taken here, not by the next start (cli-support.ts).
    await topUpPlannerStatistics(storage.db, storage.dialect);
    return result;
  } finally {
    await storage.close();
  }
};

/** `dateline export --out FILE`: the whole site as one archive, from one snapshot, while it serves. */
export const runExport = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { out } = parseOptions({ args, options: { out: { type: 'string' } } }).values;
  if (!out) throw new UsageError('export needs --out FILE');
  const file = resolve(out);
  try {
    const summary = await withDialectStorage(config, (db, dialect) =>
      exportSite(db, dialect, file, { onProgress: (line) => io.stderr(`export: ${line}`) }),
    );
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    if (summary.sealedSecrets > 0) {
      io.stderr(
        `note: ${summary.sealedSecrets} admin API key secrets are sealed with ${join(config.dataDir, SECRET_KEY_FILE)}, ` +
          `which is not in the archive: copy it into the new site's data folder (DATELINE_DATA) as ${SECRET_KEY_FILE}.`,
      );
    }
    io.stdout(
      `Exported ${rows} rows of ${summary.tables.length} tables and ${summary.mediaFiles} media files ` +
        `to ${file} (${megabytes(summary.bytes)} MB).`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SiteArchiveError)) throw error;
    io.stderr(`export: ${error.message}`);
    io.stderr('No archive was written.');
    return 1;
  }
};

/** `dateline import site FILE`: an archive into an empty database, checked whole before anything is written. */
export const runImportSite = async (config: Config, args: string[], io: CliIo): Promise<number> => {
  const { positionals } = parseOptions({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('import site takes exactly one FILE');
  const file = resolve(positionals[0]!);
  try {
    const summary = await withDialectStorage(config, (db, dialect) =>
      importSite(db, dialect, config.dataDir, file, { onProgress: (line) => io.stderr(`import site: ${line}`) }),
    );
    if (summary.secretKeyMissing) {
      io.stderr(
        `note: the archive's admin API keys are sealed with the old site's ${SECRET_KEY_FILE}: copy it to ` +
          `${join(config.dataDir, SECRET_KEY_FILE)} before the Admin API is used.`,
      );
    }
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    io.stdout(
      `Imported ${rows} rows of ${summary.tables.length} tables and ${summary.mediaFiles} media files from ${file}.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof SiteArchiveError)) throw error;
    return refused(io, [`import site: ${error.message}`]);
  }
};
