import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/database.js';
import { SQLITE_PAGE_CACHE_KIB } from '../../src/storage/sqlite-page-cache.js';
import { openViewsDatabase } from '../../src/storage/views-database.js';

const folders: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-page-cache-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("SQLite's page cache per connection", () => {
  it('is 16 MB as better-sqlite3 builds SQLite, which is why we set it', () => {
    const db = new SQLite(join(folder(), 'plain.db'));
    try {
      expect(db.pragma('cache_size', { simple: true })).toBe(-16000);
    } finally {
      db.close();
    }
  });

  it('is 2 MB on the content database', async () => {
    const storage = createStorage({ dataDir: folder(), databaseUrl: null });
    try {
      const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(storage.db);
      expect(rows[0]?.cache_size).toBe(-SQLITE_PAGE_CACHE_KIB);
    } finally {
      await storage.close();
    }
  });

  it('is 2 MB on the views database', () => {
    const db = openViewsDatabase(folder());
    try {
      expect(db.pragma('cache_size', { simple: true })).toBe(-SQLITE_PAGE_CACHE_KIB);
    } finally {
      db.close();
    }
  });
});
