import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyConfig } from 'kysely';
import pg from 'pg';
import { createStorage, type StorageHandle } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStorage extends StorageHandle {
  dataDir: string;
  databaseUrl: string | null;
  postgresSchema?: string;
  /** Closes the connection and removes the temp folder or schema. */
  destroy(): Promise<void>;
}

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** Null when usable; otherwise why its tests are skipped. */
  skipReason: string | null;
  /** A fresh database; `migrated: false` leaves it empty, as a first start finds it. */
  open(options?: OpenOptions): Promise<TestStorage>;
}

const probePostgres = async (): Promise<string | null> => {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const reason = `PostgreSQL at ${POSTGRES_URL} is unreachable (${(error as Error).message})`;
    // On CI the database is part of the machine: its absence is a failure, not a skip.
    if (process.env.CI === 'true') throw new Error(`${reason}; CI=true requires it`);
    return reason;
  } finally {
    await client.end().catch(() => {});
  }
};

export interface OpenOptions {
  migrated?: boolean;
  /** Kysely's log, given every statement the database runs (migrations included). */
  log?: KyselyConfig['log'];
}

let counter = 0;

const openSqlite = async ({ migrated = true, log }: OpenOptions = {}): Promise<TestStorage> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
  const handle = createStorage({ dataDir, databaseUrl: null, ...(log ? { log } : {}) });
  if (migrated) await migrateToLatest(handle.db, handle.dialect, handle.schema);
  return {
    ...handle,
    dataDir,
    databaseUrl: null,
    destroy: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

const asPostgres = async (sql: string): Promise<void> => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

/**
 * Each test storage is a schema owned by a role of its own, and connects as that role. Kysely's migrator looks
 * for its tables in every schema the connection may use: as the superuser it would find another test's
 * `kysely_migration_lock`, skip creating its own and fail, so two files opening PostgreSQL at once broke.
 */
const openPostgres = async ({ migrated = true, log }: OpenOptions = {}): Promise<TestStorage> => {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  await asPostgres(`create role ${name} login; create schema ${name} authorization ${name}`);
  const url = new URL(POSTGRES_URL);
  url.username = name;
  url.password = '';
  const databaseUrl = url.toString();
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
  const handle = createStorage({ dataDir, databaseUrl, postgresSchema: name, ...(log ? { log } : {}) });
  const destroy = async () => {
    await handle.close();
    await asPostgres(`drop schema ${name} cascade; drop role ${name}`);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (migrated) await migrateToLatest(handle.db, handle.dialect, handle.schema);
  } catch (error) {
    await destroy();
    throw error;
  }
  return { ...handle, dataDir, databaseUrl, postgresSchema: name, destroy };
};

const postgresSkip = await probePostgres();
if (postgresSkip) console.warn(`skipping PostgreSQL tests: ${postgresSkip}`);

export const BACKENDS: TestBackend[] = [
  { name: 'sqlite', skipReason: null, open: openSqlite },
  { name: 'postgres', skipReason: postgresSkip, open: openPostgres },
];
