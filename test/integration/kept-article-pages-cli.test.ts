import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { visible } from '../../src/storage/repositories/article.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { demoSeedOptions } from '../support/demo-photos.js';

const captured = (env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
};

const SUMMARY = /^Rendered and kept (\d+) article pages in \d+\.\d s\.$/;

/**
 * `dateline pages render [--all]` (record 0009) over a data folder with the demo's two editions: it keeps the page
 * of every live article not kept yet under the current stamp, through the reader routes, and says how many.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`dateline pages render on ${backend.name}`, () => {
    let storage: TestStorage;
    let env: Record<string, string>;
    beforeAll(async () => {
      storage = await backend.open();
      // The command runs on the system clock: the demo is written as of now.
      await seedDemoContent(storage.db, new Date(), demoSeedOptions);
      env = {
        DATELINE_DATA: storage.dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'silent',
        ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
      };
    });
    afterAll(async () => {
      await storage?.destroy();
    });

    const liveIds = async () =>
      (await storage.db.selectFrom('article').select('id').where(visible(Date.now())).orderBy('id').execute()).map(
        (r) => r.id,
      );
    const keptIds = async () =>
      (await storage.db.selectFrom('article_render').select('article_id').orderBy('article_id').execute()).map(
        (r) => r.article_id,
      );
    const render = async (args: string[]) => {
      const c = captured(env);
      const code = await runCli(['pages', 'render', ...args], c.io);
      return { code, out: c.out, err: c.err, kept: Number(SUMMARY.exec(c.out.at(-1) ?? '')?.[1]) };
    };

    it('keeps every live article’s page, then none the second time, then all again with --all', async () => {
      const live = await liveIds();
      expect(live.length).toBeGreaterThan(30);
      expect(await keptIds()).toEqual([]);

      const first = await render([]);
      expect(first.code, first.err.join('\n')).toBe(0);
      expect(first.out.at(-1)).toMatch(SUMMARY);
      expect(first.kept).toBe(live.length);
      expect(await keptIds()).toEqual(live);
      const stamps = await storage.db.selectFrom('article_render').select('site_stamp').distinct().execute();
      expect(stamps).toHaveLength(1);

      const again = await render([]);
      expect(again.code, again.err.join('\n')).toBe(0);
      expect(again.kept).toBe(0);

      const all = await render(['--all']);
      expect(all.code, all.err.join('\n')).toBe(0);
      expect(all.kept).toBe(live.length);
    });

    // Fails today: --all walks every article, but each is asked of the reader routes, which answer it from the row
    // kept under the current stamp without rendering it (article-answer.tsx), so nothing is rendered or written
    // again though the summary says so. Make it an `it` once --all forgets the renders first.
    it('renders and writes every page again with --all', async () => {
      expect((await render([])).code).toBe(0);
      const madeAt = async () =>
        new Map(
          (await storage.db.selectFrom('article_render').select(['article_id', 'made_at']).execute()).map((r) => [
            r.article_id,
            Number(r.made_at),
          ]),
        );
      const before = await madeAt();
      expect((await render(['--all'])).code).toBe(0);
      const after = await madeAt();
      expect([...after.keys()].sort((a, b) => a - b)).toEqual(await liveIds());
      expect([...after].filter(([id, t]) => t > before.get(id)!)).toHaveLength(after.size);
    });

    it.each([
      [['pages', 'render', 'extra'], 'pages render takes no arguments (got "extra")'],
      [['pages', 'nope'], 'the pages command has one subcommand: render'],
      [['pages'], 'the pages command has one subcommand: render'],
    ])('answers %j with usage and exit code 2, keeping nothing', async (argv, message) => {
      const before = await keptIds();
      const c = captured(env);
      expect(await runCli(argv, c.io)).toBe(2);
      expect(c.err.join('\n')).toContain(message);
      expect(c.err.join('\n')).toContain('Usage: dateline');
      expect(c.out).toEqual([]);
      expect(await keptIds()).toEqual(before);
    });
  });
}
