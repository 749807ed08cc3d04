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

  it.each([
    ['the newest changes', {}],
    ['one status', { status: 'in_review' as const }],
    ["one writer's", { createdBy: 7 }],
  ])('reads %s through an index, without sorting the archive', async (_what, filter) => {
    // Parameters are inlined for EXPLAIN: the plan is the same for any value of the same type.
    const query = newsroomListQuery(storage.db, { limit: 20, offset: 0, ...filter });
    const { sql: text, parameters } = query.compile();
    const inlined = parameters.reduce<string>(
      (acc, p) => acc.replace('?', typeof p === 'string' ? `'${p}'` : String(p)),
      text,
    );
    const plan = (await sql<{ detail: string }>`explain query plan ${sql.raw(inlined)}`.execute(storage.db)).rows.map(
      (r) => r.detail,
    );
    expect(plan.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(plan.find((step) => /\barticle\b/.test(step))).toMatch(/USING (COVERING )?INDEX/);
  });
});
