import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStorage, reusingStatements, type StorageHandle } from './database.js';

describe('reused statements on SQLite', () => {
  it('prepares each SQL text once, keeps results right across reuse, and drops the least recently used', async () => {
    const raw = new SQLite(':memory:');
    let prepares = 0;
    const counting = new Proxy(raw, {
      get: (target, prop) =>
        prop === 'prepare'
          ? (sql: string) => {
              prepares++;
              return target.prepare(sql);
            }
          : Reflect.get(target, prop, target),
    });
    const db = reusingStatements(counting, 2);
    db.prepare('create table t (n integer)').run();
    for (let n = 1; n <= 3; n++) db.prepare('insert into t (n) values (?)').run(n);
    expect(db.prepare('select sum(n) as s from t').get()).toEqual({ s: 6 });
    expect(db.prepare('select n from t where n > ?').all(1)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(db.prepare('select n from t where n > ?').all(2)).toEqual([{ n: 3 }]);
    // create, insert (three runs, one prepare), sum, select (two runs, one prepare): four prepares.
    expect(prepares).toBe(4);
    // The cache holds two (now sum and select): insert comes back prepared anew and pushes out sum, not select.
    db.prepare('insert into t (n) values (?)').run(4);
    expect(prepares).toBe(5);
    expect(db.prepare('select n from t where n > ?').all(3)).toEqual([{ n: 4 }]);
    expect(prepares).toBe(5);
    expect(db.prepare('select sum(n) as s from t').get()).toEqual({ s: 10 });
    expect(prepares).toBe(6);
    db.close();
    expect(raw.open).toBe(false);
  });
});

describe('transactions on SQLite', () => {
  let dataDir: string;
  let storage: StorageHandle;
  let other: SQLite.Database;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-begin-'));
    storage = createStorage({ dataDir, databaseUrl: null });
    await storage.db.schema.createTable('t').addColumn('n', 'integer').execute();
    // Another process's connection, which will not wait: a write it tries while the lock is taken fails at once.
    other = new SQLite(join(dataDir, 'content.db'), { timeout: 0 });
  });
  afterEach(async () => {
    other.close();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const writeFromOther = () => other.prepare('insert into t (n) values (1)').run();

  it('take the write lock when they begin, before their first write', async () => {
    await storage.db.transaction().execute(async (trx) => {
      await sql`select n from t`.execute(trx);
      expect(writeFromOther).toThrow(/database is locked/);
    });
    expect(writeFromOther).not.toThrow();
  });

  it('leave writers free when asked for as read only', async () => {
    await storage.db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        await sql`select n from t`.execute(trx);
        expect(writeFromOther).not.toThrow();
      });
  });
});
