import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage, type StorageHandle } from './database.js';
import { migrateToLatest, refreshPlannerStatistics, topUpPlannerStatistics } from './migrate.js';

describe('planner statistics on SQLite', () => {
  let dir: string;
  let storage: StorageHandle;
  let sectionId: number;
  let added = 0;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-stats-'));
    storage = createStorage({ dataDir: dir, databaseUrl: null });
    await migrateToLatest(storage.db, storage.dialect, storage.schema);
    sectionId = (
      await storage.db
        .insertInto('section')
        .values({ slug: 'news', name: 'News', position: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    added = 0;
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const addArticles = async (n: number) => {
    const rows = Array.from({ length: n }, () => {
      const k = ++added;
      return {
        slug: `a-${k}`,
        headline: `A ${k}`,
        body: '[]',
        body_text: '',
        section_id: sectionId,
        status: 'published',
        created_at: k,
        published_at: k,
        modified_at: k,
      };
    });
    await storage.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 100)
        await trx
          .insertInto('article')
          .values(rows.slice(i, i + 100))
          .execute();
    });
  };
  /** The row count the planner believes the article table has. */
  const plannedRows = async () => {
    const { rows } = await sql<{
      stat: string;
    }>`select stat from sqlite_stat1 where idx = ${'article_status_published'}`.execute(storage.db);
    return Number(rows[0]?.stat.split(' ')[0]);
  };

  it('the hourly top-up leaves fresh statistics alone and takes new ones once a table has grown many-fold', async () => {
    await addArticles(20);
    await refreshPlannerStatistics(storage.db, storage.dialect);
    expect(await plannedRows()).toBe(20);

    await addArticles(20);
    await topUpPlannerStatistics(storage.db, storage.dialect);
    expect(await plannedRows()).toBe(20);

    await addArticles(1960);
    await topUpPlannerStatistics(storage.db, storage.dialect);
    expect(await plannedRows()).toBe(2000);
  });

  it('the top-up gathers statistics for a table that has none yet', async () => {
    await addArticles(50);
    await topUpPlannerStatistics(storage.db, storage.dialect);
    expect(await plannedRows()).toBe(50);
  });

  it('a restart with nothing migrated only tops up; a schema change or a full refresh analyzes everything', async () => {
    await addArticles(20);
    await refreshPlannerStatistics(storage.db, storage.dialect);
    expect(await plannedRows()).toBe(20);
    await addArticles(20);
    // What a restart does when no migration ran: 40 rows is not many-fold 20, so the statistics stay.
    expect(await migrateToLatest(storage.db, storage.dialect, storage.schema)).toBe(0);
    await refreshPlannerStatistics(storage.db, storage.dialect, { full: false });
    expect(await plannedRows()).toBe(20);
    await refreshPlannerStatistics(storage.db, storage.dialect, { full: true });
    expect(await plannedRows()).toBe(40);
  });
});
