import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type StorageHandle } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { newsroomListQuery } from './article.repository.js';

describe("the newsroom's list queries on SQLite", () => {
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

  const planOf = async (query: ReturnType<typeof newsroomListQuery>): Promise<string[]> => {
    // Parameters are inlined for EXPLAIN: the plan is the same for any value of the same type.
    const { sql: text, parameters } = query.compile();
    const inlined = parameters.reduce<string>(
      (acc, p) => acc.replace('?', typeof p === 'string' ? `'${p}'` : String(p)),
      text,
    );
    return (await sql<{ detail: string }>`explain query plan ${sql.raw(inlined)}`.execute(storage.db)).rows.map(
      (r) => r.detail,
    );
  };

  it.each([
    ['the newest changes', {}],
    ['one status', { status: 'in_review' as const }],
    ["one writer's", { createdBy: 7 }],
  ])('reads %s through an index, without sorting the archive', async (_what, filter) => {
    const plan = await planOf(newsroomListQuery(storage.db, { limit: 20, offset: 0, ...filter }));
    expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(plan.find((step) => /\barticle\b/.test(step))).toMatch(/USING (COVERING )?INDEX/);
  });

  it.each([
    ["an editor's", {}],
    ["a contributor's", { createdBy: 7 }],
  ])('reads %s page of search hits by their ids, never scanning the archive', async (_who, filter) => {
    const plan = await planOf(newsroomListQuery(storage.db, { ids: [3, 1, 2], limit: 3, ...filter }));
    const step = plan.find((s) => /\barticle\b/.test(s));
    // A contributor's rows may be read through their own index instead: no more than the articles they wrote.
    expect(step).toMatch(
      'createdBy' in filter
        ? /^SEARCH article USING (INTEGER PRIMARY KEY|(COVERING )?INDEX article_created_by)/
        : /^SEARCH article USING INTEGER PRIMARY KEY/,
    );
  });
});
