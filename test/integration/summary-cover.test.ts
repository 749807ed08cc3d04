import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeArticleRenderRows } from '../../src/storage/repositories/article-render.repository.js';
import { summaries } from '../../src/storage/repositories/article.repository.js';
import { homeTopRows, pinnedRows } from '../../src/storage/repositories/front.repository.js';
import { summaryRowsByFewIds } from '../../src/storage/repositories/few-summaries.repository.js';
import { findKeptArticle } from '../../src/storage/repositories/kept-article.repository.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { readSummariesFromCover, SUMMARY_COVER_INDEX } from '../../src/storage/summary-cover.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { queryWatcher } from '../support/query-watcher.js';

const PREPARED_MARK = '/* prepared */ ';

/** SQLite's plan for a statement, its steps joined; `?` stand-ins bound to nulls are enough to plan it. */
const planOf = async (storage: TestStorage, text: string): Promise<string> => {
  const statement = text.replace(PREPARED_MARK, '');
  const holes = (statement.match(/\?/g) ?? []).length;
  const { rows } = await storage.db.executeQuery<{ detail: string }>({
    sql: `explain query plan ${statement}`,
    parameters: Array.from({ length: holes }, () => null),
    query: sql``.toOperationNode(),
    queryId: { queryId: 'plan' },
  } as never);
  return rows.map((r) => r.detail).join(' | ');
};

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;

// Summaries read by id come from the covering index on SQLite (migration 2026_12_04_0001), statistics or none.
describe('summaries read by id on SQLite', () => {
  let storage: TestStorage;
  let ids: FixtureIds;
  const watcher = queryWatcher();
  beforeEach(async () => {
    storage = await sqlite.open({ log: watcher.log });
    ids = await loadNewsroomFixture(storage.db);
  });
  afterEach(async () => {
    await storage.destroy();
  });

  const lastStatement = (): string => watcher.seen.sql.at(-1)!;

  it("read a kept page's Related and a short list from the covering index, on a database never analyzed", async () => {
    const related = [ids.politics[0]!, ids.business[0]!];
    const version = await readContentVersion(storage.db);
    const row = { article_id: ids.reference, site_stamp: 's', made_at: 1, meta: JSON.stringify({ related }) };
    await storeArticleRenderRows(storage.db, [{ ...row, pieces: new Uint8Array([1]) }], version);
    expect((await findKeptArticle(storage.db, ids.reference, FIXTURE_NOW.getTime()))?.relatedLive).toHaveLength(2);
    expect(await planOf(storage, lastStatement())).toContain(
      `SEARCH article USING COVERING INDEX ${SUMMARY_COVER_INDEX}`,
    );

    expect(await summaryRowsByFewIds(storage.db, related, FIXTURE_NOW.getTime())).toHaveLength(2);
    expect(await planOf(storage, lastStatement())).toContain(`USING COVERING INDEX ${SUMMARY_COVER_INDEX}`);
  });

  it('the index holds every column a summary shows: the plan of the bare summaries query, hinted, reads no table row', async () => {
    const compiled = readSummariesFromCover(storage.db, summaries(storage.db).where('article.id', '=', 1).compile());
    const plan = await planOf(storage, compiled.sql);
    expect(plan).toContain(`SEARCH article USING COVERING INDEX ${SUMMARY_COVER_INDEX}`);
    // Without the hint, on this unanalyzed database, SQLite goes to the rows: what the hint is for.
    const bare = await planOf(storage, summaries(storage.db).where('article.id', '=', 1).compile().sql);
    expect(bare).toContain('SEARCH article USING INTEGER PRIMARY KEY');
  });

  it('pinned and curated lists start from their few articles on a database never analyzed, in their order', async () => {
    const t = FIXTURE_NOW.getTime();
    const plansOf = async (run: () => Promise<unknown>): Promise<string[]> => {
      const before = watcher.seen.sql.length;
      await run();
      return Promise.all(watcher.seen.sql.slice(before).map((text) => planOf(storage, text)));
    };
    let pinned: number[] = [];
    let curated: number[] = [];
    const plans = [
      ...(await plansOf(async () => {
        pinned = (await pinnedRows(storage.db, ids.sections.politics, t)).map((r) => r.id);
      })),
      ...(await plansOf(async () => {
        curated = (await homeTopRows(storage.db, t)).map((r) => r.id);
      })),
    ];
    expect(pinned).toEqual([ids.pinned]);
    expect(curated).toEqual([ids.reference, ids.business[2]]);
    expect(plans.length).toBeGreaterThanOrEqual(4);
    // Walking the published articles by date and probing the pins was the plan at 120 ms a list at 100,000.
    for (const plan of plans) expect(plan).not.toContain('article_status_published');
    expect(plans.filter((p) => p.includes(`USING COVERING INDEX ${SUMMARY_COVER_INDEX}`))).toHaveLength(2);
  });

  it('refuses a statement of another shape instead of running it without the hint', () => {
    const twoTables = storage.db
      .selectFrom('article')
      .leftJoin('media', 'media.id', 'article.photo_media_id')
      .select('article.id')
      .where('article.id', 'in', (eb) =>
        eb.selectFrom('article').leftJoin('media', 'media.id', 'article.photo_media_id').select('article.id'),
      )
      .compile();
    expect(() => readSummariesFromCover(storage.db, twoTables)).toThrow(/2 article tables/);
    const none = storage.db.selectFrom('section').select('id').compile();
    expect(() => readSummariesFromCover(storage.db, none)).toThrow(/0 article tables/);
  });
});

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
describe.skipIf(postgres.skipReason !== null)('summaries read by id on PostgreSQL', () => {
  it('are read as compiled: PostgreSQL has no such index and no index hints', async () => {
    const storage = await postgres.open();
    try {
      const compiled = summaries(storage.db).where('article.id', '=', 1).compile();
      expect(readSummariesFromCover(storage.db, compiled)).toBe(compiled);
    } finally {
      await storage.destroy();
    }
  });
});
