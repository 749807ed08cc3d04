import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { addCorrection } from '../../src/services/corrections.js';
import { articlePageRow } from '../../src/storage/repositories/article-page.repository.js';
import { summaryRowsByIds } from '../../src/storage/repositories/article.repository.js';
import { storeArticleRenderRows } from '../../src/storage/repositories/article-render.repository.js';
import { findKeptArticle, KEPT_BATCH_MAX } from '../../src/storage/repositories/kept-article.repository.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { createStorage } from '../../src/storage/database.js';
import { createLiveRows } from '../../src/server/reader/summary-rows.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { keptRow } from '../support/kept-pages.js';
import { queryWatcher } from '../support/query-watcher.js';
import { until } from '../support/wait.js';

/**
 * How many statements an article page nothing has cached costs (issue 18, "Renders that do not wait on round
 * trips"; record 0029), counted from Kysely's log, so statements compiled once are counted too. Before: a page
 * rendered whole sent 6 statements in 3 rounds once its section's lists were known, 13 in a fresh second; a kept
 * page 2, one waiting on the other (8 in a fresh second).
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`statements of an uncached article page on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const watcher = queryWatcher();
    const at = (seconds: number) => new Date(FIXTURE_NOW.getTime() + seconds * 1000);
    // Two top-level Politics stories: their pages share every list (the section's box and newest, the ranking).
    const politicsPath = (i: number) => `/politics/20260121-${ids.politics[i]}/`;
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const statementsOf = async (path: string) => {
      watcher.reset();
      expect((await t.app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
      return { count: watcher.seen.queries, rounds: watcher.seen.rounds, sql: [...watcher.seen.sql] };
    };

    beforeAll(async () => {
      storage = await backend.open({ log: watcher.log });
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db.withPlugin(watcher.plugin), FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });
    beforeEach(() => watcher.reset());

    it('renders a page nothing kept in three statements once its section’s lists are known', async () => {
      t.setNow(at(10));
      await statementsOf(politicsPath(0));
      // The first page is kept off the answer's path, 200 ms later (render-writer.ts): on a busy machine that write
      // fell inside the second page's answer and was counted with it (7 statements in CI). Wait for it, and for its
      // commit's answer: PostgreSQL shows the row to the poll before that answer reaches Kysely's log, and the
      // commit was counted with the second page (4 statements in CI).
      await keptRow(storage.db, t.worker, ids.politics[0]!);
      await until('the kept write’s commit answering', () => watcher.seen.sql.includes('commit'));
      const { count, rounds, sql } = await statementsOf(politicsPath(2));
      expect(count, sql.join('\n')).toBe(3);
      // The kept page's read (compiled once, so no round the plugin sees), the article, then the candidates through
      // its tags: on SQLite a round costs no wait, and on PostgreSQL asking the candidates beside the article (the
      // tags read inside the statement) cost ten times the planning (record 0029).
      expect(rounds).toBe(2);
      expect(sql.filter((s) => /from "article_render"/.test(s))).toHaveLength(1);
      expect(sql.filter((s) => /"article_author"/.test(s) && /"correction"/.test(s))).toHaveLength(1);
      expect(sql.filter((s) => /from "article_tag" cross join "article"/.test(s))).toHaveLength(1);
    });

    it('answers a kept page in one statement once its section’s lists are known', async () => {
      t.setNow(at(19));
      for (const i of [0, 2]) {
        await statementsOf(politicsPath(i));
        await keptRow(storage.db, t.worker, ids.politics[i]!);
      }
      // Read once kept, so both pages' Related rows are known for this content version (summary-rows.ts): which of
      // them the process already held depended on when the render writer had written the test before's pages.
      t.setNow(at(20));
      for (const i of [0, 2]) await statementsOf(politicsPath(i));
      t.setNow(at(20));
      await statementsOf(politicsPath(0));
      const { count, sql } = await statementsOf(politicsPath(2));
      expect(count).toBe(1);
      expect(sql[0]).toMatch(/from "article_render"/);
    });

    it('adds only the lists a section’s pages share in the first second they are asked', async () => {
      t.setNow(at(30));
      // Kept (the test before), first in its second: the kept read and the shared lists, nothing more (the section's
      // pins are two of them: their ids in order, then those articles).
      expect((await statementsOf(politicsPath(2))).count).toBeLessThanOrEqual(1 + 7);
      t.setNow(at(40));
      // Nothing kept, a subsection's story (its own subsection's newest too), first in its second.
      expect((await statementsOf(referencePath())).count).toBeLessThanOrEqual(3 + 8);
    });
  });

  describe.skipIf(backend.skipReason !== null)(`the article page's own statement on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterAll(async () => {
      await storage?.destroy();
    });

    it('gives the article with its bylines, tags and corrections in their order', async () => {
      await addCorrection(storage.db, ids.reference, { kind: 'correction', text: 'First.' }, 0, FIXTURE_NOW);
      await addCorrection(storage.db, ids.reference, { kind: 'clarification', text: 'Second.' }, 0, FIXTURE_NOW);
      const row = await articlePageRow(storage.db, ids.reference, FIXTURE_NOW.getTime(), { groups: false });
      expect(row?.headline).toBe('Defence Chiefs of Two Neighbours Plan Talks to Mend Ties');
      expect(row?.bylines.map((b) => b.id)).toEqual([ids.authors.baker, ids.authors.aoki]);
      expect(row?.tags).toEqual(['test']);
      expect(row?.corrections.map((c) => [c.kind, c.text])).toEqual([
        ['correction', 'First.'],
        ['clarification', 'Second.'],
      ]);
      expect([row?.groupMembers, row?.groupNextGoLive]).toEqual([[], null]);
      expect(await articlePageRow(storage.db, ids.reference, 0, { groups: false })).toBeUndefined();
    });

    it('reads a kept page with the ids of its Related stories live at the time asked', async () => {
      const related = [ids.politics[0]!, ids.business[0]!, 999_999];
      const meta = JSON.stringify({ related });
      const version = await readContentVersion(storage.db);
      const stored = { site_stamp: 's', made_at: 1, pieces: new Uint8Array([1, 2]) };
      await storeArticleRenderRows(storage.db, [{ ...stored, article_id: ids.reference, meta }], version);
      const now = FIXTURE_NOW.getTime();
      const read = await findKeptArticle(storage.db, ids.reference, now);
      expect(read?.row).toEqual({ ...stored, article_id: ids.reference, meta, pieces: expect.anything() });
      const live = (await summaryRowsByIds(storage.db, related, now)).map((r) => r.id);
      expect(live).toHaveLength(2);
      expect([...read!.relatedLive!].sort((a, b) => a - b)).toEqual(live.sort((a, b) => a - b));
      // PostgreSQL brings the rows themselves (its plan with the ids alone was slower); SQLite only the ids.
      if (backend.name === 'postgres') expect(read!.relatedRows!.map((r) => r.id).sort((a, b) => a - b)).toEqual(live);
      else expect(read!.relatedRows).toBeNull();
      expect((await findKeptArticle(storage.db, ids.reference, 0))?.relatedLive).toEqual([]);
      expect(await findKeptArticle(storage.db, ids.updated, now)).toBeUndefined();
    });

    it('reads a kept page whose meta is not JSON alone, leaving its Related to be asked', async () => {
      const version = await readContentVersion(storage.db);
      const row = {
        article_id: ids.updated,
        site_stamp: 's',
        made_at: 1,
        meta: 'not json',
        pieces: new Uint8Array([3]),
      };
      await storeArticleRenderRows(storage.db, [row], version);
      const read = await findKeptArticle(storage.db, ids.updated, FIXTURE_NOW.getTime());
      expect(read).toEqual({ row: { ...row, pieces: expect.anything() }, relatedLive: null, relatedRows: null });
    });

    it('gives a kept page’s pieces back byte for byte, with its Related or without', async () => {
      // Every byte value in several orders, long enough for many of base64's lines on PostgreSQL; and no bytes.
      const long = Uint8Array.from({ length: 10_007 }, (_, i) => (i * 131 + (i >> 8)) % 256);
      for (const [pieces, meta] of [
        [long, '{"related":[]}'],
        [long, 'not json'],
        [new Uint8Array(0), '{"related":[]}'],
        [new Uint8Array(0), 'not json'],
      ] as const) {
        const version = await readContentVersion(storage.db);
        const row = { article_id: ids.reference, site_stamp: 's', made_at: 1, meta, pieces };
        await storeArticleRenderRows(storage.db, [row], version);
        const read = await findKeptArticle(storage.db, ids.reference, FIXTURE_NOW.getTime());
        expect(read?.relatedLive).toEqual(meta === 'not json' ? null : []);
        expect(read!.row.pieces).toBeInstanceOf(Uint8Array);
        expect(Buffer.from(read!.row.pieces).equals(Buffer.from(pieces))).toBe(true);
      }
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`kept pages' Related rows on ${backend.name}`, () => {
    const watcher = queryWatcher();
    let storage: TestStorage;
    let ids: FixtureIds;

    beforeAll(async () => {
      storage = await backend.open({ log: watcher.log });
      ids = await loadNewsroomFixture(storage.db);
    });
    afterAll(async () => {
      await storage?.destroy();
    });

    it('are asked for once per content version, only the ids not kept yet, and given in the order asked', async () => {
      const liveRows = createLiveRows(storage.db);
      const now = FIXTURE_NOW.getTime();
      const [a, b, c] = [ids.politics[0]!, ids.business[0]!, ids.politics[1]!];
      const asked = async (version: number, list: number[]) => {
        watcher.reset();
        const rows = await liveRows(version, list, now);
        return { ids: rows.map((r) => r.id), statements: watcher.seen.queries };
      };
      expect(await asked(1, [b, a])).toEqual({ ids: [b, a], statements: 1 });
      expect(await asked(1, [a, b])).toEqual({ ids: [a, b], statements: 0 });
      const third = await asked(1, [c, a]);
      expect(third).toEqual({ ids: [c, a], statements: 1 });
      // A new content version reads them again (a headline may have changed).
      expect(await asked(2, [a, b, c])).toEqual({ ids: [a, b, c], statements: 1 });
      // An id no live story has is left out, and asked again next time.
      expect(await asked(2, [a, 999_999])).toEqual({ ids: [a], statements: 1 });
    });
  });
}

const postgres = BACKENDS.find((b) => b.name === 'postgres')!;
describe.skipIf(postgres.skipReason !== null)('kept pages asked in one turn on PostgreSQL', () => {
  const watcher = queryWatcher();
  let storage: TestStorage;
  let ids: FixtureIds;
  const now = FIXTURE_NOW.getTime();

  beforeAll(async () => {
    storage = await postgres.open({ log: watcher.log });
    ids = await loadNewsroomFixture(storage.db);
    const version = await readContentVersion(storage.db);
    const kept = (article_id: number, meta: string) => ({
      article_id,
      site_stamp: 's',
      made_at: 1,
      meta,
      pieces: new Uint8Array([article_id % 256, 7]),
    });
    await storeArticleRenderRows(
      storage.db,
      [
        kept(ids.politics[0]!, JSON.stringify({ related: [ids.business[0]!, ids.politics[1]!, 999_999] })),
        kept(ids.politics[1]!, JSON.stringify({ related: [ids.politics[0]!] })),
        kept(ids.business[0]!, 'not json'),
      ],
      version,
    );
  });
  afterAll(async () => {
    await storage?.destroy();
  });

  /** Each read asked in a turn of its own: what a batch must give each of its pages. */
  const alone = async (asked: number[], at: number) => {
    const reads = [];
    for (const id of asked) reads.push(await findKeptArticle(storage.db, id, at));
    return reads;
  };
  const together = async (asked: number[], at: number) => {
    watcher.reset();
    const reads = await Promise.all(asked.map((id) => findKeptArticle(storage.db, id, at)));
    return { reads, statements: watcher.seen.queries };
  };

  it('reads them in one statement, each page as it reads alone', async () => {
    const asked = [ids.politics[0]!, ids.politics[1]!, ids.politics[0]!, ids.reference];
    const expected = await alone(asked, now);
    expect(expected[0]!.relatedLive).toHaveLength(2);
    expect(expected[3]).toBeUndefined();
    expect(await together(asked, now)).toEqual({ reads: expected, statements: 1 });
  });

  it('reads each alone when one meta fails the statement, the others keeping their Related', async () => {
    const asked = [ids.politics[0]!, ids.business[0]!, ids.politics[1]!];
    const expected = await alone(asked, now);
    expect(expected.map((r) => r?.relatedLive?.length ?? null)).toEqual([2, null, 1]);
    const { reads } = await together(asked, now);
    expect(reads).toEqual(expected);
    // Kysely logs the statements that answered: not the batch, which failed, but each page read alone after it (the
    // one whose meta is not JSON by its row alone, its statement with Related having failed too).
    const answered = watcher.seen.sql;
    expect(answered.filter((s) => /"article_id" = any\(/.test(s))).toHaveLength(0);
    expect(answered.filter((s) => /"article_id" = \$\d+$/.test(s))).toHaveLength(3);
  });

  it('gives every page the Related live at the earliest time asked in the turn', async () => {
    watcher.reset();
    const [early, late] = await Promise.all([
      findKeptArticle(storage.db, ids.politics[1]!, 0),
      findKeptArticle(storage.db, ids.politics[0]!, now),
    ]);
    expect([early?.relatedLive, late?.relatedLive, watcher.seen.queries]).toEqual([[], [], 1]);
  });

  it(`sends a statement for each ${KEPT_BATCH_MAX} pages asked`, async () => {
    const asked = Array.from({ length: KEPT_BATCH_MAX * 2 + 1 }, (_, i) => ids.politics[i % 2]!);
    const { reads, statements } = await together(asked, now);
    expect(statements).toBe(3);
    expect(reads.map((r) => r?.row.article_id)).toEqual(asked);
  });
});

describe.skipIf(postgres.skipReason !== null)('prepared statements on PostgreSQL', () => {
  /** What the session prepared after the fixture and three runs of the article page's two statements. */
  const preparedWith = async (databasePreparedStatements: boolean) => {
    const storage = await postgres.open();
    // One connection, so every statement below runs on the session whose prepared statements are read.
    const one = createStorage({
      dataDir: storage.dataDir,
      databaseUrl: storage.databaseUrl,
      postgresSchema: storage.postgresSchema!,
      databasePoolMax: 1,
      databasePreparedStatements,
    });
    try {
      const ids = await loadNewsroomFixture(one.db);
      for (let i = 0; i < 3; i++) {
        expect(await articlePageRow(one.db, ids.reference, FIXTURE_NOW.getTime(), { groups: false })).toBeDefined();
        await findKeptArticle(one.db, ids.reference, FIXTURE_NOW.getTime());
      }
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(one.db);
      return rows.map((r) => r.statement);
    } finally {
      await one.close();
      await storage.destroy();
    }
  };

  it('prepares the marked statements once per connection and no other', async () => {
    const statements = await preparedWith(true);
    expect(statements).toHaveLength(2);
    expect(statements.every((s) => s.startsWith('/* prepared */ select'))).toBe(true);
    expect(statements.some((s) => s.includes('from "article_render"'))).toBe(true);
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS=0', async () => {
    expect(await preparedWith(false)).toEqual([]);
  });
});
