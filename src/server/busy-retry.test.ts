import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseBusy, retryWhileBusy } from './busy-retry.js';

/** A real SQLITE_BUSY: a second connection asks for the write lock another one holds, without waiting. */
const realBusyError = (): unknown => {
  const file = join(mkdtempSync(join(tmpdir(), 'busy-')), 'x.db');
  const holder = new SQLite(file);
  holder.exec('create table t (x)');
  holder.exec('begin immediate');
  const other = new SQLite(file, { timeout: 0 });
  try {
    other.exec('begin immediate');
    return null;
  } catch (error) {
    return error;
  } finally {
    holder.exec('rollback');
    holder.close();
    other.close();
  }
};

describe('retryWhileBusy', () => {
  it('knows SQLite busy errors, real ones included, from others', () => {
    const busy = realBusyError();
    expect(isDatabaseBusy(busy)).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_RECOVERY' }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
    expect(isDatabaseBusy(new Error('database is locked'))).toBe(false);
    expect(isDatabaseBusy(null)).toBe(false);
  });

  it('tries again after a busy failure and answers what the next attempt gives, saying each retry', async () => {
    const busy = realBusyError();
    let calls = 0;
    const retries: number[] = [];
    const result = await retryWhileBusy(
      async () => {
        calls++;
        if (calls < 3) throw busy;
        return 'started';
      },
      { retries: 3, delayMs: 1, onRetry: (_e, n) => retries.push(n) },
    );
    expect(result).toBe('started');
    expect(calls).toBe(3);
    expect(retries).toEqual([1, 2]);
  });

  it('gives up after its retries, and never retries another failure', async () => {
    const busy = realBusyError();
    let calls = 0;
    await expect(
      retryWhileBusy(
        async () => {
          calls++;
          throw busy;
        },
        { retries: 2, delayMs: 1 },
      ),
    ).rejects.toBe(busy);
    expect(calls).toBe(3);
    calls = 0;
    const other = new Error('port taken');
    await expect(
      retryWhileBusy(
        async () => {
          calls++;
          throw other;
        },
        { retries: 2, delayMs: 1 },
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
