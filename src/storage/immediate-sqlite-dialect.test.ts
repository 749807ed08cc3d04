import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImmediateSqliteDialect } from './immediate-sqlite-dialect.js';

interface Scratch {
  note: { text: string };
}

describe('transactions on a full SQLite disk', () => {
  let dir: string;
  let raw: SQLite.Database;
  let db: Kysely<Scratch>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-full-'));
    raw = new SQLite(join(dir, 'full.db'));
    raw.pragma('journal_mode = WAL');
    db = new Kysely<Scratch>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
    await sql`create table note (text text not null)`.execute(db);
    // The file may not grow past what it holds now: the next page it needs fails as a full disk does.
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true }) as number}`);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails with the disk-full error itself, not with the rollback that follows it', async () => {
    const save = db.transaction().execute((trx) =>
      trx
        .insertInto('note')
        .values({ text: 'x'.repeat(64_000) })
        .execute(),
    );
    await expect(save).rejects.toMatchObject({ code: 'SQLITE_FULL', message: 'database or disk is full' });
  });

  it('leaves nothing half written and works again once there is room', async () => {
    const save = () =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('note').values({ text: 'first' }).execute();
        await trx
          .insertInto('note')
          .values({ text: 'x'.repeat(64_000) })
          .execute();
      });
    await expect(save()).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(await db.selectFrom('note').selectAll().execute()).toEqual([]);
    raw.pragma('max_page_count = 1000000');
    await save();
    expect(await db.selectFrom('note').select('text').execute()).toHaveLength(2);
  });
});
