import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Insertable } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { bodyText } from '../src/domain/body.js';
import { defaultEditionSettings } from '../src/domain/edition.js';
import { tagSlug } from '../src/domain/tag.js';
import { rebuildSearchIndex, searchIndexOf } from '../src/storage/search/search-indexing.js';
import { createStorage, type Db, type Dialect, type StorageHandle } from '../src/storage/database.js';
import { migrateToLatest, refreshPlannerStatistics } from '../src/storage/migrate.js';
import {
  insertEditionRow,
  nextEditionPosition,
  replaceSectionNameRows,
} from '../src/storage/repositories/edition.repository.js';
import type { ArticleTable } from '../src/storage/tables/content.table.js';
import { trackFolder } from './processes.js';
import {
  CORPUS_AUTHORS,
  CORPUS_SECTIONS,
  SEARCH_CORPUS_VERSION,
  corpusArticle,
  type Corpus,
  type CorpusArticle,
  type CorpusPlan,
} from './search-corpus.js';

/**
 * The search benchmark's databases: a generated archive written straight into the tables (saveArticle writes a
 * revision, bumps the content version and indexes each article on its own, far too slow for a million), then
 * the index built from it by rebuildSearchIndex, timed. SQLite archives are kept between runs under a cache
 * folder; PostgreSQL gets a schema (and role) of its own, dropped afterwards.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Articles per transaction, and rows per INSERT (21 columns each: well under SQLite's 32,766 parameters). */
const TRANSACTION_ARTICLES = 5_000;
const ARTICLE_ROWS_PER_INSERT = 500;
const LINK_ROWS_PER_INSERT = 5_000;
const DAY_MS = 86_400_000;
/** A cached archive older than this is made again: its scheduled articles (30 to 400 days ahead) would soon go live. */
const CACHE_MAX_AGE_MS = 25 * DAY_MS;

export interface BenchDatabase {
  backend: Dialect;
  db: Db;
  plan: CorpusPlan;
  /** Edition ids by corpus edition, and section ids by corpus section index. */
  editionIds: Record<'en' | 'ja', number>;
  sectionIds: number[];
  /** How the archive came to be, for the report. */
  origin: string;
  generationMs: number | null;
  databaseBytes(): Promise<number>;
  close(): Promise<void>;
}

/** Fills a migrated, empty database with the plan's archive: sections, authors, the Japanese edition, articles. */
export const fillArchive = async (
  db: Db,
  corpus: Corpus,
  plan: CorpusPlan,
  onProgress: (done: number) => void = () => {},
): Promise<void> => {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('section')
      .values(
        CORPUS_SECTIONS.map((s, i) => ({
          id: i + 1,
          slug: s.slug,
          name: s.name,
          parent_id: s.parent === null ? null : s.parent + 1,
          position: i + 1,
        })),
      )
      .execute();
    await trx
      .insertInto('author')
      .values(
        CORPUS_AUTHORS.map((a, i) => ({
          id: i + 1,
          slug: a.slug,
          name: a.name,
          bio: '',
          photo_media_id: null,
          user_id: null,
        })),
      )
      .execute();
    const jaId = await insertEditionRow(trx, {
      language: 'ja',
      prefix: '/ja/',
      position: await nextEditionPosition(trx),
      settings: JSON.stringify(
        defaultEditionSettings('ja', {
          publicationName: 'デイトライン',
          shortName: 'DL',
          tagline: '',
          timeZoneLabel: 'JST',
        }),
      ),
    });
    if (jaId === undefined) throw new Error('the Japanese edition could not be added');
    await replaceSectionNameRows(
      trx,
      jaId,
      CORPUS_SECTIONS.map((s, i) => ({ section_id: i + 1, name: s.jaName, slug: s.jaSlug })),
    );
  });
  const { en, ja } = await editionIdsOf(db);
  for (let start = 0; start < plan.count; start += TRANSACTION_ARTICLES) {
    const articles = Array.from({ length: Math.min(TRANSACTION_ARTICLES, plan.count - start) }, (_, i) =>
      corpusArticle(corpus, plan, start + i),
    );
    await db.transaction().execute(async (trx) => {
      const rows = articles.map((a) => articleRow(a, a.edition === 'ja' ? ja : en));
      for (const chunk of chunks(rows, ARTICLE_ROWS_PER_INSERT))
        await trx.insertInto('article').values(chunk).execute();
      const bylines = articles.flatMap((a) =>
        a.authors.map((author, position) => ({ article_id: a.index + 1, author_id: author + 1, position })),
      );
      for (const chunk of chunks(bylines, LINK_ROWS_PER_INSERT))
        await trx.insertInto('article_author').values(chunk).execute();
      const tags = articles.flatMap((a) =>
        a.tags.map((tag, position) => ({ article_id: a.index + 1, tag, tag_slug: tagSlug(tag), position })),
      );
      for (const chunk of chunks(tags, LINK_ROWS_PER_INSERT))
        await trx.insertInto('article_tag').values(chunk).execute();
    });
    onProgress(start + articles.length);
  }
};

/** What saveArticle would store for the article, without its revision row. */
const articleRow = (a: CorpusArticle, editionId: number): Insertable<ArticleTable> => ({
  id: a.index + 1,
  slug: a.slug,
  headline: a.headline,
  standfirst: a.standfirst,
  body: JSON.stringify(a.body),
  body_text: [a.headline, a.standfirst, bodyText(a.body)].join('\n'),
  section_id: a.section + 1,
  status: a.status,
  photo_media_id: null,
  photo_caption: null,
  photo_credit: null,
  photo_alt: null,
  seo_description: null,
  source_key: null,
  created_at: a.modifiedAt,
  first_published_at: a.status === 'published' ? a.publishedAt : null,
  published_at: a.publishedAt,
  updated_at: null,
  modified_at: a.modifiedAt,
  created_by: null,
  review_note: null,
  edition_id: editionId,
  custom_fields: null,
});

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const editionIdsOf = async (db: Db): Promise<Record<'en' | 'ja', number>> => {
  const rows = await db.selectFrom('edition').select(['id', 'language']).orderBy('position').execute();
  const ja = rows.find((r) => r.language === 'ja');
  if (!ja || !rows[0]) throw new Error('the archive has no Japanese edition');
  return { en: rows[0].id, ja: ja.id };
};

const SECTION_IDS = CORPUS_SECTIONS.map((_, i) => i + 1);

/**
 * Times rebuildSearchIndex in one transaction, as `dateline search rebuild` runs it. The index is emptied
 * first, untimed, so a rebuild over a reused archive costs what a first build costs.
 */
export const buildIndex = async (
  bench: BenchDatabase,
  onProgress: (done: number, total: number) => void,
): Promise<{ ms: number; clearMs: number }> => {
  const clearStarted = performance.now();
  await searchIndexOf(bench.db).clear(bench.db);
  const clearMs = performance.now() - clearStarted;
  const started = performance.now();
  await bench.db.transaction().execute((trx) =>
    rebuildSearchIndex(trx, ({ kind, done, total }) => {
      if (kind === 'article') onProgress(done, total);
    }),
  );
  const ms = performance.now() - started;
  await refreshStatistics(bench);
  return { ms, clearMs };
};

/**
 * What a running site has: SQLite's statistics as the server takes them at start; on PostgreSQL what autovacuum
 * does after a bulk load. VACUUM, not only ANALYZE: a GIN index takes a bulk load's entries into its pending
 * list, which only VACUUM (or autovacuum's analyze) merges, and until then the planner prices every GIN lookup so
 * high that it reads every row instead (at 10,000 articles a search for a word nobody wrote took 28 ms, 0.03 after).
 */
const refreshStatistics = async (bench: BenchDatabase): Promise<void> => {
  if (bench.backend === 'sqlite') await refreshPlannerStatistics(bench.db, 'sqlite', { full: true });
  // Only the schema's own tables: the database is shared, and the rest belong to other roles.
  else await sql`vacuum analyze search_entry, article, article_author, article_tag, author, section`.execute(bench.db);
};

// ---------------------------------------------------------------------------------------------------------------
// SQLite, cached between runs

export const SEARCH_CACHE_DIR = process.env.BENCH_SEARCH_CACHE || join(tmpdir(), 'dateline-bench-search');

/** What a cached archive's bench-meta.json holds: its plan's anchor and how it was made. */
const CacheMetaSchema = z.object({ anchor: z.number(), generationMs: z.number(), madeAt: z.string() });
type CacheMeta = z.infer<typeof CacheMetaSchema>;

/** The cached archive's description, or null when there is none or it does not read (the archive is made again). */
const readCacheMeta = (file: string): CacheMeta | null => {
  if (!existsSync(file)) return null;
  try {
    const parsed = CacheMetaSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/**
 * A digest of the migrations: an archive made under another schema is made again (the corpus version covers
 * the text; this, the tables it was written into).
 */
const schemaDigest = (): string => {
  const hash = createHash('sha256');
  const folder = join(ROOT, 'src/storage/migrations');
  for (const name of readdirSync(folder).sort()) hash.update(name).update(readFileSync(join(folder, name)));
  return hash.digest('hex').slice(0, 10);
};

/** The cached archive's folder (the server's data folder: it holds content.db) for a size and seed. */
export const cacheFolderOf = (count: number, seed: number): string =>
  join(SEARCH_CACHE_DIR, `n${count}-seed${seed}-corpus${SEARCH_CORPUS_VERSION}-schema${schemaDigest()}`);

/**
 * Opens the cached SQLite archive of this size and seed, or generates it (into a folder renamed into place
 * only once complete, so an interrupted run leaves nothing that looks finished).
 */
export const openSqliteArchive = async (
  corpus: Corpus,
  count: number,
  seed: number,
  log: (line: string) => void,
): Promise<BenchDatabase> => {
  const dir = cacheFolderOf(count, seed);
  const metaFile = join(dir, 'bench-meta.json');
  let meta = readCacheMeta(metaFile);
  let origin: string;
  if (meta && process.env.BENCH_SEARCH_FRESH !== '1' && Date.now() - meta.anchor < CACHE_MAX_AGE_MS) {
    origin = `reused the cached archive made ${meta.madeAt} (${dir})`;
    log(`  ${origin}`);
  } else {
    if (meta) log(`  the cached archive in ${dir} is stale or BENCH_SEARCH_FRESH=1: making it again`);
    mkdirSync(SEARCH_CACHE_DIR, { recursive: true });
    // This size and seed under an older corpus or schema, or half made: never reused, and gigabytes at a million.
    for (const old of readdirSync(SEARCH_CACHE_DIR))
      if (old.startsWith(`n${count}-seed${seed}-`))
        rmSync(join(SEARCH_CACHE_DIR, old), { recursive: true, force: true });
    const partial = `${dir}.partial`;
    trackFolder(partial);
    const plan: CorpusPlan = { seed, count, anchor: Date.now() };
    const storage = createStorage({ dataDir: partial, databaseUrl: null });
    const started = performance.now();
    try {
      await migrateToLatest(storage.db, storage.dialect);
      await fillArchive(storage.db, corpus, plan, progressLogger(count, log));
    } finally {
      await storage.close();
    }
    meta = { anchor: plan.anchor, generationMs: performance.now() - started, madeAt: new Date().toISOString() };
    writeFileSync(join(partial, 'bench-meta.json'), JSON.stringify(meta));
    renameSync(partial, dir);
    origin = `generated into ${dir}, kept for the next run`;
  }
  const storage = createStorage({ dataDir: dir, databaseUrl: null });
  // A newer migration (another helper's) is applied to the archive as a deployment would.
  await migrateToLatest(storage.db, storage.dialect);
  return {
    backend: 'sqlite',
    db: storage.db,
    plan: { seed, count, anchor: meta.anchor },
    editionIds: await editionIdsOf(storage.db),
    sectionIds: SECTION_IDS,
    origin,
    generationMs: origin.startsWith('reused') ? null : meta.generationMs,
    databaseBytes: async () => folderBytes(dir, ['content.db', 'content.db-wal']),
    close: () => storage.close(),
  };
};

const folderBytes = (dir: string, names: readonly string[]): number =>
  names.reduce((sum, name) => sum + (existsSync(join(dir, name)) ? statSync(join(dir, name)).size : 0), 0);

const progressLogger = (count: number, log: (line: string) => void) => {
  const step = Math.max(TRANSACTION_ARTICLES, Math.ceil(count / 10 / TRANSACTION_ARTICLES) * TRANSACTION_ARTICLES);
  const started = performance.now();
  return (done: number) => {
    if (done % step === 0 && done < count)
      log(`  generating… ${done.toLocaleString('en-US')} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  };
};

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL, a schema of its own per run

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** Null when PostgreSQL answers; else why the PostgreSQL runs are skipped, in one line. */
export const postgresUnreachable = async (): Promise<string | null> => {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return `PostgreSQL at ${POSTGRES_URL} is unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
};

const asAdmin = async (text: string): Promise<void> => {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
};

/** Schemas (and roles) this process made and has not dropped yet: dropped on the way out whatever happens. */
const openSchemas = new Set<string>();

export const dropLeftoverSchemas = async (): Promise<void> => {
  for (const name of openSchemas) {
    await asAdmin(`drop schema if exists ${name} cascade; drop role if exists ${name}`).catch(() => {});
    openSchemas.delete(name);
  }
};

/**
 * A fresh schema owned by a role of its own, the connection working as that role (as the integration tests
 * do, so Kysely's migrator never meets another schema's tables), filled with the plan's archive.
 */
export const openPostgresArchive = async (
  corpus: Corpus,
  count: number,
  seed: number,
  log: (line: string) => void,
): Promise<BenchDatabase> => {
  const name = `bench_search_${process.pid}_${Date.now().toString(36)}`;
  await asAdmin(`create role ${name} login; create schema ${name} authorization ${name}`);
  openSchemas.add(name);
  const url = new URL(POSTGRES_URL);
  url.username = name;
  url.password = '';
  let storage: StorageHandle | null = null;
  const drop = async () => {
    await storage?.close();
    await asAdmin(`drop schema if exists ${name} cascade; drop role if exists ${name}`);
    openSchemas.delete(name);
  };
  try {
    storage = createStorage({ dataDir: tmpdir(), databaseUrl: url.toString(), postgresSchema: name });
    const db = storage.db;
    await migrateToLatest(db, storage.dialect, name);
    const plan: CorpusPlan = { seed, count, anchor: Date.now() };
    const started = performance.now();
    await fillArchive(db, corpus, plan, progressLogger(count, log));
    // The rows came with their ids: move the sequences past them, as inserts without ids would have.
    for (const table of ['section', 'author', 'article'] as const)
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      );
    const generationMs = performance.now() - started;
    return {
      backend: 'postgres',
      db,
      plan,
      editionIds: await editionIdsOf(db),
      sectionIds: SECTION_IDS,
      origin: `generated into schema ${name} (dropped afterwards)`,
      generationMs,
      databaseBytes: async () =>
        Number(
          (
            await sql<{ bytes: number | null }>`select sum(pg_total_relation_size(c.oid)) as bytes
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname = ${name} and c.relkind in ('r', 'm')`.execute(db)
          ).rows[0]?.bytes ?? 0,
        ),
      close: drop,
    };
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
};
