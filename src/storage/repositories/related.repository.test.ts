import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type StorageHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { taggedWindowQuery } from './related.repository.js';

/**
 * What ANALYZE (with the server's analysis_limit of 1,000) recorded for the 100,000-article bench archive
 * (bench/generate-articles.ts). With these figures SQLite believed few articles were published and, left to
 * choose, walked every live article by publication time and sorted them: 1-2 s a page.
 */
const BENCH_ARCHIVE_STATISTICS: [string, string, string][] = [
  ['article_tag', 'article_tag_slug', '192559 1001 1'],
  ['article_tag', 'article_tag_tag', '192559 1001'],
  ['article_tag', 'sqlite_autoindex_article_tag_1', '192559 2 1'],
  ['article', 'article_status_published', '100000 1001 1'],
  ['article', 'article_section_status_published', '100000 1001 1001 1'],
  ['article', 'article_status_first_published', '100000 1001 1 1 1'],
];

describe('the Related candidates query on SQLite', () => {
  let dir: string;
  let storage: StorageHandle;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-plan-'));
    storage = createStorage({ dataDir: dir, databaseUrl: null });
    await migrateToLatest(storage.db, storage.dialect, storage.schema);
    // ANALYZE makes the statistics table; the archive's figures replace its rows and are read back in.
    await sql`ANALYZE`.execute(storage.db);
    await sql`DELETE FROM sqlite_stat1`.execute(storage.db);
    for (const [tbl, idx, stat] of BENCH_ARCHIVE_STATISTICS) {
      await sql`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (${tbl}, ${idx}, ${stat})`.execute(storage.db);
    }
    await sql`ANALYZE sqlite_schema`.execute(storage.db);
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('walks each tag’s index newest first and looks articles up by id, sorting nothing', async () => {
    const query = taggedWindowQuery(storage.db, { tagSlugs: ['rail', 'budget'], excludeId: 7, now: 1e12, perTag: 24 })!;
    // Parameters are inlined for EXPLAIN: the plan is the same for any value of the same type.
    const { sql: text, parameters } = query.compile();
    const inlined = parameters.reduce<string>(
      (acc, p) => acc.replace('?', typeof p === 'string' ? `'${p}'` : String(p)),
      text,
    );
    const plan = (await sql<{ detail: string }>`explain query plan ${sql.raw(inlined)}`.execute(storage.db)).rows.map(
      (r) => r.detail,
    );
    expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    const steps = plan.filter((step) => /^(SEARCH|SCAN) (article|article_tag)\b/.test(step));
    expect(steps).toEqual([
      'SEARCH article_tag USING COVERING INDEX article_tag_slug (tag_slug=?)',
      'SEARCH article USING INTEGER PRIMARY KEY (rowid=?)',
      'SEARCH article_tag USING COVERING INDEX article_tag_slug (tag_slug=?)',
      'SEARCH article USING INTEGER PRIMARY KEY (rowid=?)',
    ]);
  });

  it('is no query at all for an article without tags', () => {
    expect(taggedWindowQuery(storage.db, { tagSlugs: [], excludeId: 7, now: 1e12, perTag: 24 })).toBeNull();
  });
});
