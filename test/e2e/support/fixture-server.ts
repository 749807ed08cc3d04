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
  /** What time it is for the server: the real time moved on by what moveClockBy() added. */
  now(): Date;
  /** Moves the server's clock forward, for what would otherwise wait in real time (a scheduled minute). */
  moveClockBy(ms: number): void;
}

/**
 * The server's jobs run far more often than in production, so that what the site does on its own (publishing
 * what is due, counting views, noticing changes) shows within a second or so. Autosave goes the other way: a
 * save by itself in the middle of a test's own Save would race it, so it waits a minute, and the autosave test
 * moves the browser's clock instead.
 */
const FAST_INTERVALS = {
  DATELINE_SCHEDULER_MS: '200',
  DATELINE_VIEW_FLUSH_MS: '100',
  DATELINE_CONTENT_POLL_MS: '100',
  DATELINE_AUTOSAVE_MS: '60000',
};

/**
 * The real server (startWorker, as `npm start` runs it, with FAST_INTERVALS and a clock the test can move)
 * over a fresh SQLite folder that `prepare` fills before it starts; removed after the file's tests. Call it
 * before useBrowser(): "after" hooks run last-registered first, so the server then closes once no browser is
 * connected to it.
 */
export const useFixtureServer = <T>(name: string, prepare: (db: Db) => Promise<T>): FixtureServer<T> => {
  let server: RunningServer | undefined;
  let dataDir: string | undefined;
  let config: Config | undefined;
  let fixture: T | undefined;
  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `dateline-e2e-${name}-`));
    config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATELINE_DATA: dataDir,
      DATELINE_DEMO: '0',
      LOG_LEVEL: 'silent',
      ...FAST_INTERVALS,
    });
    const storage = createStorage(config);
    try {
      await migrateToLatest(storage.db, storage.dialect, storage.schema);
      fixture = await prepare(storage.db);
    } finally {
      await storage.close();
    }
    server = await startWorker(config, { clock: now });
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
    get url() {
      return ready(server, 'url').url;
    },
    get fixture() {
      return ready(fixture, 'fixture');
    },
    get config() {
      return ready(config, 'config');
    },
    get dataDir() {
      return ready(dataDir, 'data folder');
    },
    now,
    moveClockBy: (ms) => {
      if (ms < 0) throw new Error("the server's clock only moves forward");
      clockOffsetMs += ms;
    },
  };
};
