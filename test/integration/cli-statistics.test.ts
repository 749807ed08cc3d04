import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStorage } from '../../src/cli/cli-support.js';
import { loadConfig } from '../../src/config.js';
import { createStorage } from '../../src/storage/database.js';
import { topUpPlannerStatistics } from '../../src/storage/migrate.js';
import { BACKENDS } from '../support/backends.js';

/**
 * A command that fills a table (`pages render`, an import) takes the planner's statistics for it before it ends, so
 * that the next server start does not analyze it before listening: after `pages render` kept 10,000 pages that was
 * 174 ms of the next start (record 0030).
 */
/** `count` redirects from old addresses to the home page: rows to fill a table with. */
const redirectRows = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    from_path: `/old/${i}`,
    to_path: '/',
    source: 'test',
    created_at: i,
    updated_at: i,
  }));

describe('a CLI command on SQLite', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('leaves statistics for a table it filled', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-cli-stats-'));
    const config = loadConfig({ DATELINE_DATA: dir, DATELINE_DEMO: '0' });
    await withStorage(config, async (db) => {
      const rows = redirectRows(500);
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('redirect')
          .values(rows.slice(i, i + 100))
          .execute();
    });
    const storage = createStorage({ dataDir: dir, databaseUrl: null });
    try {
      const { rows } = await sql<{ stat: string }>`select stat from sqlite_stat1
        where idx = ${'redirect_to_path'}`.execute(storage.db);
      expect(rows[0]?.stat.split(' ')[0]).toBe('500');
    } finally {
      await storage.close();
    }
  });
});

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
describe.skipIf(postgres.skipReason !== null)('the statistics top-up on PostgreSQL', () => {
  it('analyzes the tables never analyzed (an archive just imported) without waiting for autovacuum', async () => {
    const storage = await postgres.open();
    try {
      await storage.db.insertInto('redirect').values(redirectRows(300)).execute();
      const analyzed = async () =>
        (
          await sql<{ n: number }>`select count(*)::int as n from pg_stats
            where schemaname = current_schema() and tablename = 'redirect'`.execute(storage.db)
        ).rows[0]!.n;
      expect(await analyzed()).toBe(0);
      await topUpPlannerStatistics(storage.db, 'postgres');
      expect(await analyzed()).toBeGreaterThan(0);
    } finally {
      await storage.destroy();
    }
  });
});
