import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStorage } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import type { WriterReport } from '../support/sqlite-writer.js';

const WRITER = new URL('../support/sqlite-writer.ts', import.meta.url).pathname;
const PROCESSES = 2;
const TRANSACTIONS = 300;

const Ready = z.object({ ready: z.literal(true) });
const Report = z.object({ committed: z.number(), failures: z.number(), errors: z.array(z.string()) });

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  report: Promise<WriterReport>;
}

/** Forks one writer; `ready` once it has the file open, `report` once it has run every transaction. */
const startWriter = (dataDir: string): Writer => {
  const child = fork(WRITER, [dataDir, String(TRANSACTIONS)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  let onReady: () => void = () => {};
  let onReport: (report: WriterReport) => void = () => {};
  let onExit: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onExit = reject;
  });
  const report = new Promise<WriterReport>((resolve, reject) => {
    onReport = resolve;
    const previous = onExit;
    onExit = (error) => {
      previous(error);
      reject(error);
    };
  });
  // Both promises are awaited by the test; an early exit must not also surface as an unhandled rejection.
  ready.catch(() => {});
  report.catch(() => {});
  child.on('message', (message: unknown) => {
    if (Ready.safeParse(message).success) onReady();
    const parsed = Report.safeParse(message);
    if (parsed.success) onReport(parsed.data);
  });
  child.on('exit', (code) => onExit(new Error(`writer exited with code ${code} before reporting`)));
  return { child, ready, report };
};

describe('two processes writing to one SQLite file at once', () => {
  let dataDir: string;
  let writers: Writer[] = [];
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-writers-'));
    const storage = createStorage({ dataDir, databaseUrl: null });
    await migrateToLatest(storage.db, storage.dialect);
    await storage.close();
  });
  afterEach(() => {
    for (const w of writers) w.child.kill('SIGKILL');
    writers = [];
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('commits every read-then-write transaction of both: none refused as locked, none lost', async () => {
    writers = Array.from({ length: PROCESSES }, () => startWriter(dataDir));
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.child.send('go');
    const reports = await Promise.all(writers.map((w) => w.report));

    const failures = reports.reduce((sum, r) => sum + r.failures, 0);
    expect({ failures, errors: reports.flatMap((r) => r.errors) }).toEqual({ failures: 0, errors: [] });
    expect(reports.map((r) => r.committed)).toEqual(Array(PROCESSES).fill(TRANSACTIONS));
    // Each transaction wrote back one more than it read: the total shows no write overtook another's read.
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      expect(await readContentVersion(storage.db)).toBe(1 + PROCESSES * TRANSACTIONS);
    } finally {
      await storage.close();
    }
  });
});
