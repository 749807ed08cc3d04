import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { loadConfig } from '../../src/config.js';
import { composeWorker } from '../../src/server/compose-worker.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import type { ImportReportJson } from '../../src/services/import-report.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import type { Db } from '../../src/storage/database.js';
import type { TestStorage } from './backends.js';

/**
 * What the importers' integration tests share: `dateline import wordpress|ghost …` run through the real CLI entry
 * against a test storage (what it printed and its exit code, or its --json report once it succeeded), and the site
 * as readers then reach it.
 */
export const importEnv = (storage: TestStorage): Record<string, string> => ({
  DATELINE_DATA: storage.dataDir,
  DATELINE_DEMO: '0',
  LOG_LEVEL: 'silent',
  ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
});

export const importCli = (importer: 'wordpress' | 'ghost', env: () => Record<string, string>) => {
  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: env(), stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
    const code = await runCli(['import', importer, ...args], io);
    return { code, out, err };
  };
  const reportOf = async (args: string[]): Promise<ImportReportJson> => {
    const r = await cli([...args, '--json']);
    expect(r.code, r.err.join('\n')).toBe(0);
    return JSON.parse(r.out.join('\n')) as ImportReportJson;
  };
  return { cli, reportOf };
};

export const countRows = async (
  db: Db,
  table: 'article' | 'article_revision' | 'page' | 'section' | 'author' | 'media' | 'redirect',
): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The app over the imported database for the length of `run`: `get(url)` answers as it would a reader. */
export const withReader = async (
  storage: TestStorage,
  env: Record<string, string>,
  run: (get: (url: string) => Promise<LightMyRequestResponse>) => Promise<void>,
): Promise<void> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-import-app-'));
  const worker = await composeWorker(loadConfig({ ...env, DATELINE_DATA: dataDir }), {
    db: storage.db,
    logger: null,
    timers: false,
  });
  try {
    await worker.start();
    await run((url) => worker.app.inject({ method: 'GET', url }));
  } finally {
    await worker.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

/** A Japanese edition at /ja/ beside the site's first, for `--edition ja`; answers its id. */
export const addJapaneseEdition = async (db: Db, publicationName: string): Promise<number> =>
  (await insertEditionRow(db, {
    language: 'ja',
    prefix: '/ja/',
    position: 1,
    settings: JSON.stringify(
      defaultEditionSettings('ja', { publicationName, shortName: 'JA', tagline: '', timeZoneLabel: 'JST' }),
    ),
  }))!;
