import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import type pg from 'pg';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';
import { preparingMarked } from './prepared-statements.js';
import { limitPageCache } from './sqlite-page-cache.js';
import type { ApiKeyTable } from './tables/api-key.table.js';
import type { RedirectTable } from './tables/redirect.table.js';
import type { ImportSourceTable } from './tables/import-source.table.js';
import type { WebhookDeliveryTable, WebhookTable } from './tables/webhook.table.js';
import type {
  ArticleAuthorTable,
  ArticleTable,
  ArticleTagTable,
  AuthorTable,
  HomeTopTable,
  SectionPinTable,
  SectionTable,
} from './tables/content.table.js';
import type { ArticleTranslationTable, EditionTable, SectionNameTable } from './tables/edition.table.js';
import type { MediaTable, MediaVariantTable } from './tables/media.table.js';
import type {
  ArticleRevisionTable,
  CorrectionTable,
  LoginFailureTable,
  UserAccountTable,
  UserSessionTable,
} from './tables/newsroom.table.js';
import type { PageRevisionTable, PageTable } from './tables/page.table.js';
import type { PurgeRequestTable } from './tables/purge.table.js';
import type { ArticleRenderTable } from './tables/render.table.js';
import type { ContentStateTable, SettingTable } from './tables/site.table.js';

export interface Database {
  section: SectionTable;
  author: AuthorTable;
  article: ArticleTable;
  article_author: ArticleAuthorTable;
  article_tag: ArticleTagTable;
  section_pin: SectionPinTable;
  home_top: HomeTopTable;
  media: MediaTable;
  media_variant: MediaVariantTable;
  setting: SettingTable;
  content_state: ContentStateTable;
  user_account: UserAccountTable;
  user_session: UserSessionTable;
  login_failure: LoginFailureTable;
  article_revision: ArticleRevisionTable;
  correction: CorrectionTable;
  page: PageTable;
  page_revision: PageRevisionTable;
  edition: EditionTable;
  section_name: SectionNameTable;
  article_translation: ArticleTranslationTable;
  article_render: ArticleRenderTable;
  purge_request: PurgeRequestTable;
  api_key: ApiKeyTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  redirect: RedirectTable;
  import_source: ImportSourceTable;
}

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface StorageHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL: the schema the connection works in, when not the default. */
  schema?: string;
  /** SQLite: the content database's file (the startup lock sits beside it). */
  file?: string;
  close(): Promise<void>;
}

export interface StorageOptions {
  dataDir: string;
  databaseUrl: string | null;
  /** PostgreSQL only: work inside this schema (tests use one schema each). */
  postgresSchema?: string;
  /** PostgreSQL: connections per process (DATABASE_POOL_MAX); 10 unless given. */
  databasePoolMax?: number;
  /** PostgreSQL: a statement running longer is cancelled (DATABASE_STATEMENT_TIMEOUT_MS); 0 or unset: no limit. */
  databaseStatementTimeoutMs?: number;
  /** PostgreSQL: prepare marked statements once per connection (prepared-statements.ts); on unless false. */
  databasePreparedStatements?: boolean;
  /** Kysely's log of every statement the driver runs, compiled ones included (tests count them). */
  log?: KyselyConfig['log'];
}

const INT8_OID = 20;
/** PostgreSQL connections per process unless DATABASE_POOL_MAX says otherwise (docs/deploy/README.md sizes it). */
export const DEFAULT_POOL_MAX = 10;

export const createStorage = (options: StorageOptions): StorageHandle => {
  if (options.databaseUrl) return createPostgresStorage(options.databaseUrl, options);
  return createSqliteStorage(join(options.dataDir, 'content.db'), options.dataDir, options.log);
};

const createSqliteStorage = (file: string, dataDir: string, log?: KyselyConfig['log']): StorageHandle => {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // Content is the newspaper's record: every commit reaches the disk before we answer.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Other processes write too (workers, the importer CLI): wait up to 5 s for the write lock rather than fail.
  // The wait only works because writes begin IMMEDIATE (immediate-sqlite-dialect.ts says why, with numbers).
  sqlite.pragma('busy_timeout = 5000');
  limitPageCache(sqlite);
  // SQLite's own lower() folds ASCII only; searches compare lower-cased text, so "émile" must find "Émile",
  // as PostgreSQL's lower() does.
  sqlite.function('lower', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? text.toLowerCase() : text,
  );
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }),
    ...(log ? { log } : {}),
  });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
};

/** How many distinct statements stay prepared: every query the site makes, with room for `in (…)` lists of many lengths. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely asks better-sqlite3 to prepare each statement every time it runs one; preparing (parsing and
 * planning the SQL) is a good part of an uncached page's cost. The same SQL text is prepared once and the
 * statement reused, least recently used dropped first. Safe because Kysely runs a statement to completion
 * before the next one starts (all() or run(); nothing here streams), and SQLite re-prepares a statement
 * by itself after a schema change.
 */
export const reusingStatements = (sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE) => {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      prepared.clear();
      sqlite.close();
    },
    prepare: (sql: string): SQLite.Statement => {
      let statement = prepared.get(sql);
      if (statement) {
        prepared.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (prepared.size >= size) prepared.delete(prepared.keys().next().value!);
      }
      prepared.set(sql, statement);
      return statement;
    },
  };
};

const createPostgresStorage = (url: string, options: StorageOptions): StorageHandle => {
  const schema = options.postgresSchema;
  // Session settings every connection starts with: the test schema, and the statement timeout when one is set.
  const settings = [
    ...(schema ? [`-c search_path=${schema}`] : []),
    ...(options.databaseStatementTimeoutMs ? [`-c statement_timeout=${options.databaseStatementTimeoutMs}`] : []),
  ];
  // Loaded with the first connection: the embedded default never pays for the driver's modules at start.
  const pool = async (): Promise<pg.Pool> => {
    const { default: driver } = await import('pg');
    const created = new driver.Pool({
      connectionString: url,
      max: options.databasePoolMax ?? DEFAULT_POOL_MAX,
      // Counts and epoch-millisecond times arrive as int8; they fit a JS number comfortably.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? (v: string) => Number(v)
            : driver.types.getTypeParser(oid, format as 'text')) as typeof driver.types.getTypeParser,
      },
      ...(settings.length > 0 ? { options: settings.join(' ') } : {}),
    });
    // Statements marked in prepared-statements.ts are planned once per connection, not at every run.
    if (options.databasePreparedStatements !== false) created.on('connect', preparingMarked(new Map()));
    return created;
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, dialect: 'postgres', ...(schema ? { schema } : {}), close: () => db.destroy() };
};
