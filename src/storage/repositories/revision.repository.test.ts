import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type StorageHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { revisionListQuery, revisionsByKeyQuery } from './revision.repository.js';

describe('revision queries on SQLite', () => {
  let dir: string;
  let storage: StorageHandle;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-plan-'));
    storage = createStorage({ dataDir: dir, databaseUrl: null });
    await migrateToLatest(storage.db, storage.dialect, storage.schema);
  });
  afterAll(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The steps of a query's plan; parameters are inlined, as the plan is the same for any value of their type. */
  const planOf = async (query: Compilable): Promise<string> => {
    const { sql: text, parameters } = query.compile();
    const inlined = parameters.reduce<string>((acc, p) => acc.replace('?', String(p)), text);
    const rows = (await sql<{ detail: string }>`explain query plan ${sql.raw(inlined)}`.execute(storage.db)).rows;
    return rows.map((r) => r.detail).join('\n');
  };

  it('lists a page from the list index alone, in its order, never touching a stored copy', async () => {
    const query = revisionListQuery(storage.db, 7, 51, 50);
    expect(query.compile().sql).not.toContain('snapshot');
    const plan = await planOf(query);
    expect(plan).toMatch(/SEARCH article_revision USING COVERING INDEX article_revision_list \(article_id=\?\)/);
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('reads stored copies by their key (article, revision)', async () => {
    const plan = await planOf(revisionsByKeyQuery(storage.db, 7, [3, 118]));
    expect(plan).toMatch(/SEARCH article_revision USING (COVERING )?INDEX \S+ \(article_id=\? AND revision=\?\)/);
    expect(plan).not.toMatch(/SCAN article_revision/);
  });
});
