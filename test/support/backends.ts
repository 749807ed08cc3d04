import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyConfig } from 'kysely';
import pg from 'pg';
import { createStorage, type StorageHandle } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { POSTGRES_RUN_ENV, POSTGRES_URL, postgresRunPrefix } from './postgres-run.js';

export { POSTGRES_URL };

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

/** Runs `sql` as the superuser, in the database of `url`. */
const asSuperuser = async (url: string, sql: string): Promise<void> => {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

/**
 * Test files that run at the same time never share a database: each vitest worker gets one of its own for the run,
 * named after the run (test/support/global-setup.ts, which drops them at its end) and the worker's slot. Schemas
 * alone did not keep files apart, because PostgreSQL scopes advisory locks and catalogs to the database: Kysely's
 * migrator takes one lock for the whole database, so a command or server waiting behind another file's migrations
 * could reach its 30 s statement timeout, and its introspection read every file's tables. Outside vitest (no run)
 * the database of TEST_DATABASE_URL is used as it is.
 */
const WORKER_DATABASE =
  process.env[POSTGRES_RUN_ENV] && process.env.VITEST_POOL_ID
    ? `${postgresRunPrefix(process.env[POSTGRES_RUN_ENV])}${process.env.VITEST_POOL_ID}`
    : null;

let workerDatabase: Promise<string> | undefined;

/** The URL of this worker's database, made on first use (a worker runs one file at a time, so none races it). */
export const postgresDatabaseUrl = (): Promise<string> =>
  (workerDatabase ??= (async () => {
    if (!WORKER_DATABASE) return POSTGRES_URL;
    try {
      // template0: no one is ever connected to it, which CREATE DATABASE requires of its template.
      await asSuperuser(POSTGRES_URL, `create database ${WORKER_DATABASE} template template0`);
    } catch (error) {
      // An earlier file of this worker made it.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${WORKER_DATABASE}`;
    return url.toString();
  })());

export interface OwnSchema {
  name: string;
  /** Connects as the schema's own role. */
  databaseUrl: string;
  drop(): Promise<void>;
}

/**
 * A schema owned by a login role of the same name, in this worker's database. Kysely's migrator looks for its tables
 * in every schema the connection may use: as the superuser it would find another test's `kysely_migration_lock`,
 * skip creating its own and fail, so each storage connects as its own role.
 */
export const ownPostgresSchema = async (prefix: string): Promise<OwnSchema> => {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const database = await postgresDatabaseUrl();
  await asSuperuser(database, `create role ${name} login; create schema ${name} authorization ${name}`);
  const url = new URL(database);
  url.username = name;
  url.password = '';
  return {
    name,
    databaseUrl: url.toString(),
    drop: () => asSuperuser(database, `drop schema ${name} cascade; drop role ${name}`),
  };
};

/** `url` with another database, and when given another user. */
const withDatabase = (url: string, database: string, user?: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};

let templateDatabase: Promise<string> | undefined;

/**
 * This worker's template: a database holding one schema migrated to the latest, owned by a role of its name (both
 * named after the worker's database, so the run's end drops them: test/support/global-setup.ts). Migrating a fresh
 * schema took some 0.8 s of each PostgreSQL test that opens a database; copying this one takes a tenth of that.
 * Made under a name of its own and renamed once migrated: a file that failed half-way leaves no template half made.
 */
const postgresTemplate = (base: string): Promise<string> =>
  (templateDatabase ??= (async () => {
    const name = `${base}_tpl`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      // An earlier file of this worker made it.
      if (rows.length > 0) return name;
      const making = `${name}_making`;
      await admin.query(`drop database if exists ${making} with (force)`);
      await admin.query(
        `do $$ begin if not exists (select from pg_roles where rolname = '${name}') then create role ${name} login; end if; end $$`,
      );
      await admin.query(`create database ${making} template template0`);
      await asSuperuser(withDatabase(POSTGRES_URL, making), `create schema ${name} authorization ${name}`);
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
      const handle = createStorage({
        dataDir,
        databaseUrl: withDatabase(POSTGRES_URL, making, name),
        postgresSchema: name,
      });
      try {
        await migrateToLatest(handle.db, handle.dialect, handle.schema);
      } finally {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
      await admin.query(`alter database ${making} rename to ${name}`);
      return name;
    } finally {
      await admin.end();
    }
  })());

/**
 * A migrated database of its own, copied from this worker's template: its schema renamed, and it and everything
 * in it given to a login role of the same name, as ownPostgresSchema would make it.
 */
const copyOfTemplate = async (base: string): Promise<OwnSchema> => {
  const template = await postgresTemplate(base);
  const name = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const database = `${base}_${name}`;
  await asSuperuser(POSTGRES_URL, `create role ${name} login`);
  try {
    await asSuperuser(POSTGRES_URL, `create database ${database} template ${template}`);
    await asSuperuser(
      withDatabase(POSTGRES_URL, database),
      `alter schema ${template} rename to ${name}; reassign owned by ${template} to ${name}`,
    );
  } catch (error) {
    await asSuperuser(POSTGRES_URL, `drop database if exists ${database} with (force); drop role ${name}`);
    throw error;
  }
  return {
    name,
    databaseUrl: withDatabase(POSTGRES_URL, database, name),
    drop: async () => {
      // Connections of the test that are closing still may be: FORCE would end them with an error of their own.
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      try {
        for (let waited = 0; waited < 5_000; waited += 20) {
          const { rows } = await admin.query('select 1 from pg_stat_activity where datname = $1', [database]);
          if (rows.length === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`drop database ${database} with (force)`);
        await admin.query(`drop role ${name}`);
      } finally {
        await admin.end();
      }
    },
  };
};

const openPostgres = async ({ migrated = true, log }: OpenOptions = {}): Promise<TestStorage> => {
  // A copy of the worker's template when the test wants a migrated database and does not watch the statements run.
  const copied = migrated && !log && WORKER_DATABASE;
  const { name, databaseUrl, drop } = copied ? await copyOfTemplate(WORKER_DATABASE) : await ownPostgresSchema('t');
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-test-'));
  const handle = createStorage({ dataDir, databaseUrl, postgresSchema: name, ...(log ? { log } : {}) });
  const destroy = async () => {
    await handle.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (migrated && !copied) await migrateToLatest(handle.db, handle.dialect, handle.schema);
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
