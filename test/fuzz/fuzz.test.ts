import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFuzzWorld, type FuzzWorld } from './fuzz-world.js';
import { judgeAnswer, runFuzz, type Failure, type FuzzReport } from './fuzz-run.js';
import { integrityProblems } from './integrity.js';

/**
 * The fixed run of `npm run fuzz` inside `npm test`: always the same 1,500 requests (seed below), so a failure
 * here replays with `npm run fuzz -- --requests 1500 --seed 20261130 --concurrency 3` (or exactly, one at a time,
 * with `--concurrency 1`, when the failure does not depend on two requests meeting).
 */
const SEED = 20261130;
/** A failure as one line that says what was sent and what came back. */
const shown = (f: Failure): string => `#${f.index} ${f.what}: ${f.request} -> ${f.excerpt.slice(0, 200)}`;
const REQUESTS = 1500;
/** Three at a time, as a busy newsroom sends them; double submits among them. */
const CONCURRENCY = 3;

describe('random requests over every route and form (fixed run)', () => {
  let world: FuzzWorld;
  let report: FuzzReport;
  beforeAll(async () => {
    world = await openFuzzWorld();
    report = await runFuzz({ requests: REQUESTS, seed: SEED, concurrency: CONCURRENCY }, world);
  }, 180_000);
  afterAll(async () => {
    await world?.close();
  });

  it('answers every request below 500, without a stack trace, a crash or a hang', () => {
    expect(report.serverErrors.map(shown)).toEqual([]);
    expect(report.stackTraces.map(shown)).toEqual([]);
    expect(report.crashes.map(shown)).toEqual([]);
    expect(report.requests + report.unsendable).toBe(REQUESTS);
  });

  it('leaves no partial write in the database', () => {
    expect(report.integrityChecks).toBeGreaterThan(REQUESTS / 250);
    expect(report.partialWrites).toEqual([]);
  });

  it('reaches every route the app registered, and gets past validation to real saves', () => {
    const reached = new Set([...report.byRoute.keys()]);
    const missed = world.routes.filter((r) => !reached.has(r.path)).map((r) => r.path);
    expect(missed).toEqual([]);
    // Most forms must get past the form token to the route: a run of 403s would test only the guard.
    expect(report.byStatusClass['2xx'] ?? 0).toBeGreaterThan(REQUESTS / 5);
    expect(report.byStatusClass['3xx'] ?? 0).toBeGreaterThan(REQUESTS / 20);
  });

  it('would see a half-written record: its checks find rows broken by hand', async () => {
    const article = await world.db.selectFrom('article').select(['id', 'revision']).executeTakeFirstOrThrow();
    await world.db
      .deleteFrom('article_revision')
      .where('article_id', '=', article.id)
      .where('revision', '=', article.revision)
      .execute();
    await world.db
      .updateTable('article')
      .set({ headline: ' ', created_by: 999_999 })
      .where('id', '=', article.id)
      .execute();
    await world.db
      .insertInto('media')
      .values({ hash: 'f'.repeat(16), width: 1, height: 1, mime: 'image/png', created_at: 0 })
      .execute();
    await world.db.updateTable('user_account').set({ disabled: 1 }).where('role', '=', 'admin').execute();
    const problems = (await integrityProblems(world.db)).join('\n');
    expect(problems).toContain(`article ${article.id}: no revision row for its current revision ${article.revision}`);
    expect(problems).toContain(`article ${article.id}: no headline`);
    expect(problems).toContain(`article ${article.id}: created by missing user 999999`);
    expect(problems).toMatch(/media \d+: stored without any variant/);
    expect(problems).toContain('no enabled admin is left');
  });

  it('would see an answer >= 500 and a stack trace, but not text the request itself sent', () => {
    const trace = 'Error: boom\n    at save (/work/main/src/services/save-article.ts:12:7)';
    expect(judgeAnswer({ url: '/' }, { statusCode: 500, body: 'Internal' })).toEqual({ serverError: 'status 500' });
    expect(judgeAnswer({ url: '/' }, { statusCode: 400, body: trace }).stackTrace).toContain('save-article.ts:12:7');
    expect(judgeAnswer({ url: '/', payload: `headline=${trace}` }, { statusCode: 400, body: trace })).toEqual({});
  });
});
