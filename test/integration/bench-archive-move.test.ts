import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareArchives } from '../../bench/archive-compare.js';
import { moveArchiveToPostgres, snapshotArchive } from '../../bench/archive-move.js';
import { generateArticles } from '../../bench/generate-articles.js';
import { createStorage, type StorageHandle } from '../../src/storage/database.js';
import { BACKENDS, ownPostgresSchema, type OwnSchema } from '../support/backends.js';

// The PostgreSQL archive of `npm run bench` is the generated SQLite one moved over through `dateline export` and
// `dateline import site` (bench/archive-move.ts): it must hold the same rows, table by table, or the two walks
// would not measure the same site.

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
const ARTICLES = 300;

describe.skipIf(postgres.skipReason !== null)('the bench archive moved from SQLite to PostgreSQL', () => {
  let dir: string;
  let schema: OwnSchema;
  let from: StorageHandle;
  let to: StorageHandle;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-bench-move-test-'));
    await generateArticles({
      dataDir: join(dir, 'sqlite'),
      count: ARTICLES,
      now: new Date('2026-11-25T03:00:00Z'),
      hotSetSize: 20,
      archiveSampleSize: 0,
    });
    await snapshotArchive(join(dir, 'sqlite'), join(dir, 'generated'));
    schema = await ownPostgresSchema('bench_move');
    await moveArchiveToPostgres({
      sqliteDir: join(dir, 'generated'),
      workDir: dir,
      dataDir: join(dir, 'postgres-data'),
      postgres: { url: schema.databaseUrl, schema: schema.name },
    });
    from = createStorage({ dataDir: join(dir, 'generated'), databaseUrl: null });
    to = createStorage({
      dataDir: join(dir, 'postgres-data'),
      databaseUrl: schema.databaseUrl,
      postgresSchema: schema.name,
    });
  }, 120_000);

  afterAll(async () => {
    await from?.close();
    await to?.close();
    await schema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds every table of the generated archive, row for row in the sample', async () => {
    const checks = await compareArchives(from.db, to.db);
    expect(checks.filter((c) => c.difference !== null)).toEqual([]);
    const of = (name: string) => checks.find((c) => c.name === name)!;
    expect(of('article')).toMatchObject({ sqlite: ARTICLES, postgres: ARTICLES, sampled: 100 });
    expect(of('article_revision').postgres).toBe(ARTICLES);
    expect(of('search_entry').postgres).toBe(ARTICLES);
    for (const name of [
      'article_author',
      'article_tag',
      'section',
      'author',
      'section_pin',
      'home_top',
      'purge_request',
    ])
      expect(of(name).postgres, name).toBeGreaterThan(0);
    expect(of('content_state').sampled).toBe(1);
  });

  it('builds the search index whole, its GIN indexes as the migration made them, and it finds articles', async () => {
    const indexes = await sql<{ indexdef: string }>`select indexdef from pg_indexes
      where schemaname = current_schema() and tablename = 'search_entry' and indexdef like '% USING gin %'`.execute(
      to.db,
    );
    expect(indexes.rows).toHaveLength(4);
    for (const { indexdef } of indexes.rows) expect(indexdef).toContain('fastupdate=off');
    const hits = await sql<{ n: number }>`select count(*) as n from search_entry
      where document @@ ${'council'}::tsquery`.execute(to.db);
    expect(Number(hits.rows[0]!.n)).toBeGreaterThan(0);
  });

  it('moves the sequences past the copied ids, so the next article made gets a new one', async () => {
    const next = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('article', 'id')) as id`.execute(
      to.db,
    );
    expect(Number(next.rows[0]!.id)).toBeGreaterThan(ARTICLES);
    const queue = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence('purge_request', 'id')) as id`.execute(to.db);
    const most = await sql<{ id: number }>`select max(id) as id from purge_request`.execute(to.db);
    expect(Number(queue.rows[0]!.id)).toBeGreaterThan(Number(most.rows[0]!.id));
  });

  it('says so when a row or a count differs', async () => {
    await to.db
      .transaction()
      .execute(async (trx) => {
        const first = await trx.selectFrom('article').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
        await trx.updateTable('article').set({ headline: 'Changed' }).where('id', '=', first.id).execute();
        const last = await trx
          .selectFrom('purge_request')
          .select('id')
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        await trx.deleteFrom('purge_request').where('id', '=', last.id).execute();
        const checks = await compareArchives(from.db, trx);
        expect(checks.find((c) => c.name === 'article')!.difference).toBe(`row ["${first.id}"] differs in headline`);
        expect(checks.find((c) => c.name === 'purge_request')!.difference).toBe('row counts differ');
        // Rolled back: the other tests see the archive as moved.
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
  });
});

class RolledBack extends Error {}
