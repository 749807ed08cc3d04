import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { ImportModule } from '../plugins/load-plugins.js';
import { createStorage, type Db } from '../storage/database.js';
import { migrateToLatest, topUpPlannerStatistics } from '../storage/migrate.js';
import { withStartupLock } from '../storage/startup-lock.js';

/** What every command of the CLI shares: its input and output, its errors, and opening the storage. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** The password for `user add`: piped standard input, or a hidden prompt on a terminal. */
  readSecret?: (prompt: string) => Promise<string>;
  /** `import()` of an ES module by URL, for plugins: the launcher's own (the bundle runs without one). */
  importModule?: ImportModule;
}

/** A mistake in how the command was called: exit code 2 with the usage. */
export class UsageError extends Error {}

/** The command's arguments as parseArgs reads them; an unknown or malformed option is a usage error. */
export const parseOptions = <T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> => {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
};

/**
 * Opens the configured storage, brought up to date, for one command, and closes it afterwards.
 *
 * A command that changed a table many-fold (`pages render`, an import, `search rebuild`) takes the planner's
 * statistics for it before it ends, as the server's hourly top-up would. Otherwise the next server start takes them
 * before it listens: 100-170 ms for the 10,000 pages `pages render` kept (record 0030), on the start an operator
 * makes right after such a command. When nothing moved the check costs a few milliseconds of a command's run.
 */
export const withStorage = async <T>(config: Config, run: (db: Db) => Promise<T>): Promise<T> => {
  const storage = createStorage(config);
  try {
    await withStartupLock(storage, () => migrateToLatest(storage.db, storage.dialect, storage.schema));
    const result = await run(storage.db);
    await topUpPlannerStatistics(storage.db, storage.dialect);
    return result;
  } finally {
    await storage.close();
  }
};

/** Field messages of a refused input, one line each, then the promise that nothing changed; exit code 1. */
export const refused = (io: CliIo, lines: string[]): number => {
  for (const line of lines) io.stderr(line);
  io.stderr('Nothing was written.');
  return 1;
};
