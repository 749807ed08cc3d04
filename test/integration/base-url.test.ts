import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { prepareStorage } from '../../src/server/main.js';
import { createStorage, type Db } from '../../src/storage/database.js';
import { writeSettingRow } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';
import { dom } from '../support/html.js';

const FORGED = 'forged.example';

/** A worker over the test's database, configured from `env` as `dateline serve` would be; no timers, no logger. */
const workerWith = async (db: Db, env: Record<string, string>): Promise<{ worker: Worker; close(): Promise<void> }> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-base-url-'));
  const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  const worker = await composeWorker(config, { db, clock: () => FIXTURE_NOW, logger: null, timers: false });
  await worker.start();
  return {
    worker,
    close: async () => {
      await worker.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** One view of an article, counted and ranked, so that the ranking API has an article URL to write. */
const readOnce = async (worker: Worker, articleId: number): Promise<void> => {
  const key = { visitorKey: 1, pairKey: 1, addressKey: 1, addressArticleKey: 1 };
  worker.views.tracker.record({ articleId, second: Math.floor(FIXTURE_NOW.getTime() / 1000), ...key });
  await worker.views.tracker.flush();
  await worker.views.tracker.sync();
};

/** Every kind of answer that writes an absolute URL: pages, robots.txt, sitemaps, a feed and the ranking API. */
const ADDRESSES = (referencePath: string) => [
  '/',
  referencePath,
  '/politics/',
  '/robots.txt',
  '/sitemap.xml',
  '/sitemaps/pages.xml',
  '/sitemaps/articles-2026-01.xml',
  '/sitemaps/news.xml',
  '/feed/',
  '/api/ranking',
];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the public address on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterAll(async () => {
      await storage?.destroy();
    });

    /** The canonical link of the reference article and the Sitemap lines of robots.txt, as one server writes them. */
    const addressesWritten = async (worker: Worker) => {
      const page = await worker.app.inject({ method: 'GET', url: referencePath() });
      const robots = await worker.app.inject({ method: 'GET', url: '/robots.txt' });
      return {
        canonical: dom(page.body).querySelector('link[rel="canonical"]')!.getAttribute('href'),
        sitemaps: robots.body.split('\n').filter((l) => l.startsWith('Sitemap: ')),
      };
    };

    it("follows the server's own port when neither DATELINE_BASE_URL nor the Settings give one", async () => {
      const { worker, close } = await workerWith(storage.db, { PORT: '3101' });
      try {
        expect(await addressesWritten(worker)).toEqual({
          canonical: `http://127.0.0.1:3101${referencePath()}`,
          sitemaps: ['Sitemap: http://127.0.0.1:3101/sitemap.xml', 'Sitemap: http://127.0.0.1:3101/sitemaps/news.xml'],
        });
        expect(worker.site.current().context.originSource).toBe('server');
      } finally {
        await close();
      }
    });

    describe('with a Base URL saved in Settings', () => {
      beforeAll(() => writeSettingRow(storage.db, 'baseUrl', 'https://stored.example'));
      afterAll(() => storage.db.deleteFrom('setting').where('key', '=', 'baseUrl').execute());

      it("uses it over the server's own address", async () => {
        const { worker, close } = await workerWith(storage.db, { PORT: '3101' });
        try {
          expect((await addressesWritten(worker)).canonical).toBe(`https://stored.example${referencePath()}`);
        } finally {
          await close();
        }
      });

      it('gives way to DATELINE_BASE_URL in every link, feed, sitemap and API answer', async () => {
        const { worker, close } = await workerWith(storage.db, {
          PORT: '3101',
          DATELINE_BASE_URL: 'https://news.example.com/',
        });
        try {
          expect(await addressesWritten(worker)).toEqual({
            canonical: `https://news.example.com${referencePath()}`,
            sitemaps: [
              'Sitemap: https://news.example.com/sitemap.xml',
              'Sitemap: https://news.example.com/sitemaps/news.xml',
            ],
          });
          await readOnce(worker, ids.reference);
          for (const url of ADDRESSES(referencePath())) {
            const res = await worker.app.inject({ method: 'GET', url });
            expect(res.statusCode, url).toBe(200);
            expect(res.body, url).toContain('https://news.example.com/');
            expect(res.body, url).not.toContain('stored.example');
            expect(res.body, url).not.toContain('127.0.0.1');
          }
        } finally {
          await close();
        }
      });

      it('shows the environment’s address read-only in Settings, with a note, and never stores the form’s', async () => {
        const { worker, close } = await workerWith(storage.db, { DATELINE_BASE_URL: 'https://news.example.com' });
        try {
          await ensurePerson(storage.db, PEOPLE.owner);
          const browser = new NewsroomClient(worker.app);
          await browser.signIn(PEOPLE.owner.email, PASSWORD);
          const page = dom((await browser.get('/newsroom/settings')).body);
          const field = page.querySelector('input#baseUrl')!;
          expect(field.getAttribute('value')).toBe('https://news.example.com');
          expect(field.hasAttribute('readonly')).toBe(true);
          expect(page.querySelector('#baseUrl-hint')!.text).toBe(
            'Fixed by the server’s environment (DATELINE_BASE_URL): change it there and restart.',
          );
          const values = Object.fromEntries(
            page
              .querySelectorAll('form[action="/newsroom/settings"] input[type="text"]')
              .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
          );
          const saved = await browser.post('/newsroom/settings', { ...values, baseUrl: `https://${FORGED}` });
          expect(saved.statusCode).toBe(303);
          const stored = await storage.db
            .selectFrom('setting')
            .select('value')
            .where('key', '=', 'baseUrl')
            .executeTakeFirst();
          expect(stored?.value).toBe(JSON.stringify('https://stored.example'));
          expect((await addressesWritten(worker)).canonical).toBe(`https://news.example.com${referencePath()}`);
        } finally {
          await close();
        }
      });
    });

    it('never takes the address from the Host or X-Forwarded-Host header, even behind a trusted proxy', async () => {
      const { worker, close } = await workerWith(storage.db, { PORT: '3101', DATELINE_TRUST_PROXY: '1' });
      const forged = { host: FORGED, 'x-forwarded-host': FORGED, 'x-forwarded-proto': 'https' };
      try {
        await readOnce(worker, ids.reference);
        for (const url of ADDRESSES(referencePath())) {
          // Asked first with forged headers, so that a copy kept from it would be what everyone gets next.
          const first = await worker.app.inject({ method: 'GET', url, headers: forged });
          const next = await worker.app.inject({ method: 'GET', url });
          for (const res of [first, next]) {
            expect(res.statusCode, url).toBe(200);
            expect(res.body, url).not.toContain(FORGED);
            expect(res.body, url).toContain('http://127.0.0.1:3101/');
          }
        }
      } finally {
        await close();
      }
    });
  });
}

/**
 * The warning is logged by prepareStorage, which `dateline serve` runs once in the primary process before any
 * worker starts. It reads the same settings on either backend; it is run on SQLite only, because prepareStorage
 * opens its storage from the configuration, and PostgreSQL's would be the shared test database's public schema.
 */
describe('the start-up warning about the public address', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-base-url-warning-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The warn lines of one prepareStorage run. */
  const warningsAtStart = async (env: Record<string, string>): Promise<string[]> => {
    const lines: { level: number; msg: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    await prepareStorage(loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', ...env }), logger);
    return lines.filter((l) => l.level === 40 && l.msg.includes('public address')).map((l) => l.msg);
  };

  it('is logged once by a server others can reach that is still on its own address', async () => {
    expect(await warningsAtStart({ HOST: '0.0.0.0', PORT: '3101' })).toEqual([
      'The public address is not set: links, feeds and sitemaps point at http://127.0.0.1:3101, which readers ' +
        'elsewhere cannot reach. Set DATELINE_BASE_URL (e.g. https://news.example.com) or the Base URL in the ' +
        'newsroom Settings.',
    ]);
  });

  it('is not logged on a loopback-only server, nor once the address is configured', async () => {
    expect(await warningsAtStart({ HOST: '127.0.0.1' })).toEqual([]);
    expect(await warningsAtStart({ HOST: '0.0.0.0', DATELINE_BASE_URL: 'https://news.example.com' })).toEqual([]);
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      await writeSettingRow(storage.db, 'baseUrl', 'https://news.example.com');
    } finally {
      await storage.close();
    }
    expect(await warningsAtStart({ HOST: '0.0.0.0' })).toEqual([]);
  });
});
