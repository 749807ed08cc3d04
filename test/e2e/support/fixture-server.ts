import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../../src/config.js';
import { startWorker, type RunningServer } from '../../../src/server/main.js';
import { createStorage, type Db } from '../../../src/storage/database.js';
import { migrateToLatest } from '../../../src/storage/migrate.js';

export interface FixtureServer<T> {
  /** Where the server listens, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** What `prepare` returned (ids of fixture articles…). */
  readonly fixture: T;
  /** The server's configuration, to open its database from a test. */
  readonly config: Config;
  /** The server's data folder, for files a test makes (photos to upload…). */
  readonly dataDir: string;
}

/**
 * The real server (startWorker, as `npm start` runs it) over a fresh SQLite folder that `prepare` fills
 * before it starts; removed after the file's tests. Call it before useBrowser(): "after" hooks run
 * last-registered first, so the server then closes once no browser is connected to it.
 */
export const useFixtureServer = <T>(name: string, prepare: (db: Db) => Promise<T>): FixtureServer<T> => {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  let config: Config | undefined;
  let fixture: T | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `dateline-e2e-${name}-`));
    config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    const storage = createStorage(config);
    try {
      await migrateToLatest(storage.db, storage.dialect);
      fixture = await prepare(storage.db);
    } finally {
      await storage.close();
    }
    server = await startWorker(config);
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const ready = <V>(value: V | undefined, what: string): V => {
    if (value === undefined) throw new Error(`the fixture server's ${what} is read before it started`);
    return value;
  };
  return {
    get url() { return ready(server, 'url').url; },
    get fixture() { return ready(fixture, 'fixture'); },
    get config() { return ready(config, 'config'); },
    get dataDir() { return ready(dataDir, 'data folder'); },
  };
};
