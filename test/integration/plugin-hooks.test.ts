import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { loadConfig } from '../../src/config.js';
import { paragraph } from '../../src/domain/body.js';
import type { HookEvent } from '../../src/plugins/contract.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { loadEditable } from '../../src/services/newsroom-articles.js';
import { saveArticle } from '../../src/services/save-article.js';
import { saveFromNewsroom } from '../../src/services/save-from-newsroom.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { createStorage } from '../../src/storage/database.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * Plugins' hooks (issue 14): told after a change commits, in the process that made it (the newsroom, the scheduler,
 * the CLI), with the article as plugins see it; a failing hook is logged with its plugin's name and the change
 * stands.
 */

const article = {
  headline: 'Harbour Bridge Reopens After Repairs',
  standfirst: 'Traffic returns on Monday.',
  body: 'The bridge reopens to cars on Monday.\n\nBuses follow a week later.',
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'transport',
  slug: '',
  seoDescription: '',
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`plugins' hooks on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let worker: Worker;
    let dataDir: string;
    let now = FIXTURE_NOW;
    const heard: HookEvent[] = [];
    const failures: { plugin: string; hook?: string; msg: string }[] = [];
    const registry = createPluginRegistry(
      [
        {
          name: 'recorder',
          version: '1.0.0',
          hooks: Object.fromEntries(
            (
              ['article.published', 'article.updated', 'article.unpublished', 'page.published', 'page.updated'] as const
            ).map((n) => [n, (e: HookEvent) => void heard.push(e)]),
          ),
        },
        {
          name: 'breaks',
          version: '0.1.0',
          hooks: {
            'article.published': async () => {
              throw new Error('the webhook is down');
            },
          },
        },
      ],
      { error: (obj, msg) => void failures.push({ plugin: obj.plugin, ...(obj.hook ? { hook: obj.hook } : {}), msg }) },
    );
    const editor = async () => {
      const c = new NewsroomClient(worker.app);
      await c.signIn(PEOPLE.eden.email, PASSWORD);
      return c;
    };
    const baseUrl = () => worker.site.current().context.settings.baseUrl;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.eden);
      dataDir = mkdtempSync(join(tmpdir(), 'dateline-hooks-'));
      const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
      worker = await composeWorker(config, {
        db: storage.db,
        clock: () => now,
        logger: null,
        timers: false,
        plugins: registry,
      });
      await worker.start();
    });
    afterAll(async () => {
      await worker?.close();
      rmSync(dataDir, { recursive: true, force: true });
      await storage?.destroy();
    });

    it('tells plugins of a publish, a save of the live article and an unpublish from the newsroom', async () => {
      heard.length = 0;
      failures.length = 0;
      const eden = await editor();
      const { id, url } = await eden.createArticle({ ...article, action: 'publish' });
      // A failing hook did not fail the publish: the article is live, and the failure is logged with its plugin.
      const path = `/politics/20260122-${id}/`;
      expect((await worker.app.inject({ url: path })).statusCode).toBe(200);
      expect(failures).toEqual([
        { plugin: 'breaks', hook: 'article.published', msg: 'plugin "breaks" failed in hook "article.published"' },
      ]);
      const revision = () =>
        eden.get(url).then((p) => dom(p.body).querySelector('input[name="revision"]')!.getAttribute('value')!);
      const update = await eden.post(url, {
        ...article,
        headline: 'Harbour Bridge Reopens Early',
        revision: await revision(),
        action: 'save',
      });
      expect(update.statusCode).toBe(303);
      const unpublish = await eden.post(url, {
        ...article,
        headline: 'Harbour Bridge Reopens Early',
        revision: await revision(),
        action: 'unpublish',
      });
      expect(unpublish.statusCode).toBe(303);

      expect(heard.map((e) => [e.name, e.source, e.article?.title])).toEqual([
        ['article.published', 'server', 'Harbour Bridge Reopens After Repairs'],
        ['article.updated', 'server', 'Harbour Bridge Reopens Early'],
        ['article.unpublished', 'server', 'Harbour Bridge Reopens Early'],
      ]);
      const published = heard[0]!;
      expect(published.at).toBe(FIXTURE_NOW.toISOString());
      expect(published.article).toMatchObject({
        id: String(id),
        url: baseUrl() + path,
        section: { slug: 'politics' },
        tags: [{ name: 'transport', slug: 'transport' }],
        primary_author: { slug: 'mei-aoki' },
        custom_excerpt: 'Traffic returns on Monday.',
        published_at: FIXTURE_NOW.toISOString(),
      });
    });

    it('tells plugins a restored revision of a live article is an update', async () => {
      const eden = await editor();
      const { url } = await eden.createArticle({ ...article, headline: 'Ferry Fares Rise', action: 'publish' });
      heard.length = 0;
      await eden.get(url);
      const restore = await eden.post(`${url}/revisions/1/restore`, {});
      expect(restore.statusCode).toBe(303);
      expect(heard.map((e) => [e.name, e.article?.title])).toEqual([['article.updated', 'Ferry Fares Rise']]);
    });

    it('says nothing for saves of a draft', async () => {
      heard.length = 0;
      const eden = await editor();
      await eden.createArticle({ ...article, headline: 'A Draft Nobody Sees', action: 'save' });
      expect(heard).toEqual([]);
    });

    it('tells plugins when the scheduler puts an article live', async () => {
      heard.length = 0;
      const goesLive = new Date(FIXTURE_NOW.getTime() + 3600_000);
      const id = await saveArticle(storage.db, null, {
        slug: 'night-market-opens',
        headline: 'Night Market Opens on the Old Pier',
        standfirst: null,
        body: [paragraph('Stalls open at five.')],
        sectionId: ids.sections.politics,
        authorIds: [ids.authors.aoki],
        tags: [],
        photo: null,
        status: 'scheduled',
        publishedAt: goesLive,
        updatedAt: null,
      });
      expect(heard).toEqual([]);
      now = new Date(goesLive.getTime() + 1000);
      try {
        expect(await worker.publishDue()).toEqual([id]);
      } finally {
        now = FIXTURE_NOW;
      }
      expect(heard.map((e) => [e.name, e.source, e.article?.id, e.article?.url])).toEqual([
        ['article.published', 'server', String(id), `${baseUrl()}/politics/20260122-${id}/`],
      ]);
    });

    it('tells plugins when a publication page is published', async () => {
      heard.length = 0;
      const eden = await editor();
      await eden.get('/newsroom/pages/new');
      const res = await eden.postMultipart('/newsroom/pages', {
        title: 'Letters Policy',
        slug: 'letters',
        body: 'Write to the editor.',
        revision: '',
        action: 'publish',
      });
      expect(res.statusCode).toBe(303);
      expect(heard.map((e) => [e.name, e.page?.slug, e.page?.url])).toEqual([
        ['page.published', 'letters', `${baseUrl()}/letters/`],
      ]);
      // Restoring a revision of the live page is an update.
      const id = /\/newsroom\/pages\/(\d+)/.exec(String(res.headers.location))![1];
      await eden.get(`/newsroom/pages/${id}`);
      const restore = await eden.post(`/newsroom/pages/${id}/revisions/1/restore`, {});
      expect(restore.statusCode).toBe(303);
      expect(heard.map((e) => [e.name, e.page?.title])).toEqual([
        ['page.published', 'Letters Policy'],
        ['page.updated', 'Letters Policy'],
      ]);
    });
  });
}

describe.skipIf(BACKENDS[0]!.skipReason !== null)("plugins' hooks from the CLI", () => {
  let dataDir: string;
  const plugin = new URL('../fixtures/plugins/hook-recorder.mjs', import.meta.url).pathname;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-hooks-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('tells a plugin of DATELINE_PLUGINS that import-page published, then updated, an article', async () => {
    const log = join(dataDir, 'events.jsonl');
    const page = join(dataDir, 'page.txt');
    writeFileSync(
      page,
      [
        'Museum Opens a Gallery of Old Railway Clocks',
        '10:15 JST, February 3, 2026',
        'A small museum near the old freight yard opened a room of station clocks on Tuesday.',
        'Top Articles in Culture',
      ].join('\n'),
    );
    const out: string[] = [];
    const io = {
      env: { DATELINE_DATA: dataDir, DATELINE_DEMO: '0', DATELINE_PLUGINS: plugin },
      stdout: (l: string) => void out.push(l),
      stderr: (l: string) => void out.push(l),
    };
    process.env.DATELINE_TEST_HOOK_LOG = log;
    try {
      expect(await runCli(['import-page', page], io)).toBe(0);
      expect(await runCli(['import-page', page], io)).toBe(0);
    } finally {
      delete process.env.DATELINE_TEST_HOOK_LOG;
    }
    const path = out.filter((l) => l.startsWith('/')).at(-1)!;
    const events = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as HookEvent);
    expect(events.map((e) => [e.name, e.source, e.article?.title])).toEqual([
      ['article.published', 'cli', 'Museum Opens a Gallery of Old Railway Clocks'],
      ['article.updated', 'cli', 'Museum Opens a Gallery of Old Railway Clocks'],
    ]);
    expect(events[0]!.article!.url.endsWith(path)).toBe(true);
    expect(events[0]!.article!.section.name).toBe('Culture');
  });

  it('tells plugins that import-page published again an article the newsroom had unpublished, not that it updated it', async () => {
    const log = join(dataDir, 'republished.jsonl');
    const page = join(dataDir, 'withdrawn.txt');
    writeFileSync(
      page,
      [
        'Ferry Timetable Withdrawn for Corrections',
        '08:40 JST, February 5, 2026',
        'The harbour office took the new timetable down to fix two departure times.',
        'Top Articles in Culture',
      ].join('\n'),
    );
    const io = {
      env: { DATELINE_DATA: dataDir, DATELINE_DEMO: '0', DATELINE_PLUGINS: plugin },
      stdout: () => undefined,
      stderr: () => undefined,
    };
    process.env.DATELINE_TEST_HOOK_LOG = log;
    try {
      expect(await runCli(['import-page', page], io)).toBe(0);
      // An editor unpublishes it in the newsroom, through the newsroom's own save.
      const storage = createStorage({ dataDir, databaseUrl: null });
      try {
        const id = (
          await storage.db
            .selectFrom('article')
            .select('id')
            .where('headline', '=', 'Ferry Timetable Withdrawn for Corrections')
            .executeTakeFirstOrThrow()
        ).id;
        const editor = await ensurePerson(storage.db, PEOPLE.eden);
        const ctx = await loadSiteContext(storage.db);
        const existing = (await loadEditable(storage.db, ctx, id))!;
        await saveFromNewsroom(storage.db, ctx, editor, existing, 'unpublish', existing.values, new Date());
        expect((await loadEditable(storage.db, ctx, id))!.status).toBe('unpublished');
      } finally {
        await storage.close();
      }
      expect(await runCli(['import-page', page], io)).toBe(0);
      expect(await runCli(['import-page', page], io)).toBe(0);
    } finally {
      delete process.env.DATELINE_TEST_HOOK_LOG;
    }
    const events = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as HookEvent);
    expect(events.map((e) => [e.name, e.article?.title])).toEqual([
      ['article.published', 'Ferry Timetable Withdrawn for Corrections'],
      ['article.published', 'Ferry Timetable Withdrawn for Corrections'],
      ['article.updated', 'Ferry Timetable Withdrawn for Corrections'],
    ]);
  });
});
