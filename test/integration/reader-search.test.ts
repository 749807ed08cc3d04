import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ArticleInput, ArticleStatus } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { SECURITY_HEADERS } from '../../src/server/security-headers.js';
import { saveArticle } from '../../src/services/save-article.js';
import { writePublicationPage } from '../../src/services/save-publication-page.js';
import { indexArticle } from '../../src/storage/search/search-indexing.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { headerOf, listenAsTwins, send, type FastPathTwins } from '../support/fast-path-twins.js';
import { dom, htmlProblems } from '../support/html.js';

/**
 * The reader's search (issue 15): `/search`, `/ja/search` and `/api/search` over the newsroom fixture and stories
 * of our own, each built around an invented word so that only they can match it. Same expectations on every backend.
 */

const HOUR = 3_600_000;
const ago = (ms: number): Date => new Date(FIXTURE_NOW.getTime() - ms);

interface ApiBody {
  query: string;
  total: number;
  page: number;
  pages: number;
  results: {
    id: number;
    headline: string;
    path: string;
    url: string;
    section: string | null;
    publishedAt: string;
    snippet: string;
  }[];
  note?: string;
}

/** Headlines of a search page's results, in order. */
const headlinesOf = (body: string): string[] =>
  dom(body)
    .querySelectorAll('.search-result h3 a')
    .map((a) => a.text.trim());

/** What the search box holds. */
const boxOf = (body: string): string | undefined =>
  dom(body).querySelector('main input[name="q"]')?.getAttribute('value');

const QUERIES_THAT_ARE_DATA = [
  '"',
  '""',
  '"lighthouse',
  '*',
  'light*',
  'NEAR(lighthouse keeper)',
  'lighthouse OR coast',
  'OR',
  'AND NOT',
  '-lighthouse',
  'headline:lighthouse',
  '{headline body}:lighthouse',
  '^lighthouse',
  '(lighthouse',
  ')',
  'light\\house',
  '\\',
  '%',
  '_',
  '%_%',
  "'; drop table article; --",
  '\u0000\u0001\u001f\u007f',
  '\u202e\u200b',
  'x'.repeat(10_000),
];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the reader's search on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    let pageId: number;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const api = async (url: string): Promise<ApiBody> => {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      return res.json<ApiBody>();
    };
    const apiHeadlines = async (url: string): Promise<string[]> => (await api(url)).results.map((r) => r.headline);

    const story = (
      headline: string,
      text: string,
      publishedAt: Date | null,
      more: Partial<ArticleInput> & { status?: ArticleStatus } = {},
    ): ArticleInput => ({
      slug: headline.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'story',
      headline,
      standfirst: null,
      body: [paragraph(text)],
      sectionId: ids.sections.business,
      authorIds: [ids.authors.aoki],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt,
      updatedAt: null,
      ...more,
    });
    const save = (input: ArticleInput) => saveArticle(storage.db, null, input, FIXTURE_NOW);

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const { politics, defense, business, sports } = ids.sections;
      // A word in the headline of the older story and only in the body of the newer one.
      await save(story('Lighthouse keeper retires', 'Forty years on the rock.', ago(72 * HOUR)));
      await save(story('Coast notes', 'The old lighthouse stood empty all winter.', ago(HOUR)));
      // One live story, and three that are not live: a draft, a scheduled one, one whose time has not come.
      await save(story('Zephyrine winds reach the coast', 'A warm wind.', ago(2 * HOUR)));
      await save(story('Zephyrine draft', 'Not yet.', null, { status: 'draft' }));
      await save(
        story('Zephyrine scheduled', 'Tomorrow.', new Date(FIXTURE_NOW.getTime() + 24 * HOUR), { status: 'scheduled' }),
      );
      await save(story('Zephyrine embargoed', 'In half an hour.', new Date(FIXTURE_NOW.getTime() + HOUR / 2)));
      // Twenty-one results: two pages.
      for (let i = 1; i <= 21; i++)
        await save(story(`Quokka sighting ${i}`, 'A quokka was seen.', ago(i * 60_000), { sectionId: sports }));
      // Days in the site's zone (Asia/Tokyo, UTC+9): the 10th, the 15th's first and last minutes, the 16th's first.
      await save(story('Marmalade on the 10th', 'Marmalade.', new Date('2026-01-10T03:00:00Z')));
      await save(story('Marmalade at the start of the 15th', 'Marmalade.', new Date('2026-01-14T15:00:00Z')));
      await save(story('Marmalade at the end of the 15th', 'Marmalade.', new Date('2026-01-15T14:59:00Z')));
      await save(story('Marmalade on the 16th', 'Marmalade.', new Date('2026-01-15T15:00:00Z')));
      // Sections: Politics, its subsection, another section.
      await save(story('Otter in politics', 'An otter.', ago(3 * HOUR), { sectionId: politics }));
      await save(story('Otter in defence', 'An otter.', ago(4 * HOUR), { sectionId: defense }));
      await save(story('Otter in business', 'An otter.', ago(5 * HOUR), { sectionId: business }));
      // Authors.
      await save(story('Pelican by Baker', 'A pelican.', ago(6 * HOUR), { authorIds: [ids.authors.baker] }));
      await save(story('Pelican by Aoki', 'A pelican.', ago(7 * HOUR), { authorIds: [ids.authors.aoki] }));
      // Markup typed as text must come back escaped.
      await save(story('Gazpacho recipe', '<b>gazpacho</b> & "friends" <script>alert(1)</script>', ago(8 * HOUR)));
      // An English story with Japanese words in it, and the Japanese edition's own stories.
      await save(story('Tokyo vocabulary', 'The word 防衛 means defence.', ago(9 * HOUR)));
      const ja = (await insertEditionRow(storage.db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('ja', {
            publicationName: 'デイトライン新聞',
            shortName: 'DL',
            tagline: '',
            timeZoneLabel: 'JST',
          }),
        ),
      }))!;
      for (const [headline, text, hours] of [
        ['防衛省が新たな計画を発表', '国会で説明した。', 10],
        ['国会の会期末', '防衛費の議論が続いた。', 11],
      ] as const) {
        const id = await save(story(headline, text, ago(hours * HOUR), { sectionId: sports }));
        await storage.db.updateTable('article').set({ edition_id: ja }).where('id', '=', id).execute();
        await indexArticle(storage.db, id);
      }
      pageId = (
        await writePublicationPage(
          storage.db,
          null,
          {
            slug: 'contact',
            title: 'Contact the newsroom',
            body: [paragraph('Write to the harbourmaster desk.')],
            status: 'published',
            photo: null,
          },
          { now: ago(HOUR), savedBy: null },
        )
      ).id;
      await bumpContentVersion(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('ranks a story with the word in its headline above a newer one with it only in the body', async () => {
      expect(headlinesOf((await get('/search?q=lighthouse')).body)).toEqual([
        'Lighthouse keeper retires',
        'Coast notes',
      ]);
      expect(await apiHeadlines('/api/search?q=Lighthouses')).toEqual(['Lighthouse keeper retires', 'Coast notes']);
    });

    it('orders newest first when asked', async () => {
      expect(headlinesOf((await get('/search?q=lighthouse&sort=newest')).body)).toEqual([
        'Coast notes',
        'Lighthouse keeper retires',
      ]);
    });

    it('finds only live stories: never a draft, a scheduled story or one whose time has not come', async () => {
      expect(await apiHeadlines('/api/search?q=zephyrine')).toEqual(['Zephyrine winds reach the coast']);
      expect(headlinesOf((await get('/search?q=zephyrine')).body)).toEqual(['Zephyrine winds reach the coast']);
    });

    it('shows twenty results a page, with a link to the next page and the rest there', async () => {
      const first = await get('/search?q=quokka&sort=newest');
      expect(headlinesOf(first.body)).toEqual(Array.from({ length: 20 }, (_, i) => `Quokka sighting ${i + 1}`));
      const next = dom(first.body).querySelector('.pagination a[rel="next"]')!.getAttribute('href')!;
      expect(next).toBe('/search?q=quokka&sort=newest&page=2');
      const second = await get(next);
      expect(headlinesOf(second.body)).toEqual(['Quokka sighting 21']);
      expect(dom(second.body).querySelector('.search-results ol')!.getAttribute('start')).toBe('21');
      const body = await api('/api/search?q=quokka&sort=newest&page=2');
      expect([body.total, body.page, body.pages, body.results.length]).toEqual([21, 2, 2, 1]);
    });

    it('answers a page past the end with no results rather than an error', async () => {
      const body = await api('/api/search?q=quokka&page=3');
      expect([body.total, body.page, body.pages, body.results]).toEqual([21, 3, 2, []]);
      const page = await get('/search?q=quokka&page=3');
      expect(page.statusCode).toBe(200);
      expect(dom(page.body).querySelector('.search-none')!.text).toContain('2 pages');
    });

    it('keeps to the days asked for, in the site’s time zone, both ends included', async () => {
      const days = (query: string) => apiHeadlines(`/api/search?q=marmalade&sort=newest&${query}`);
      expect(await days('from=2026-01-15&to=2026-01-15')).toEqual([
        'Marmalade at the end of the 15th',
        'Marmalade at the start of the 15th',
      ]);
      expect(await days('from=2026-01-16')).toEqual(['Marmalade on the 16th']);
      expect(await days('to=2026-01-14')).toEqual(['Marmalade on the 10th']);
    });

    it('filters by section, a section including its subsections', async () => {
      const inSection = (slug: string) => apiHeadlines(`/api/search?q=otter&section=${slug}`);
      expect(await inSection('politics')).toEqual(['Otter in politics', 'Otter in defence']);
      expect(await inSection('defense-security')).toEqual(['Otter in defence']);
      expect(await inSection('business')).toEqual(['Otter in business']);
    });

    it('filters by author, and names the author on the page with a way back to every author', async () => {
      expect(await apiHeadlines('/api/search?q=pelican&author=tom-baker')).toEqual(['Pelican by Baker']);
      const page = dom((await get('/search?q=pelican&author=tom-baker')).body);
      expect(page.querySelector('input[name="author"]')!.getAttribute('value')).toBe('tom-baker');
      expect(page.querySelector('.search-form fieldset')!.text).toContain('Only articles by Tom Baker');
      expect(page.querySelector('.search-form fieldset a')!.getAttribute('href')).toBe('/search?q=pelican');
    });

    it('shows each result with its section, date, byline and a snippet with the words found marked', async () => {
      const page = dom((await get('/search?q=chiefs')).body);
      const result = page.querySelector('.search-result')!;
      expect(result.querySelector('h3 a')!.getAttribute('href')).toBe(
        `/politics/defense-security/20260121-${ids.reference}/`,
      );
      expect(result.querySelector('.teaser-section')!.text).toContain('Defense & Security');
      expect(result.querySelector('time')!.getAttribute('datetime')).toBe('2026-01-21T13:01:00+09:00');
      expect(result.querySelector('.search-byline')!.text).toContain('By Tom Baker and Mei Aoki');
      expect(result.querySelector('.search-snippet mark')!.text).toBe('chiefs');
    });

    it('gives snippets whose only markup is <mark>, everything typed as markup escaped', async () => {
      const body = await api('/api/search?q=gazpacho');
      expect(body.results[0]!.snippet).toContain('&lt;b&gt;<mark>gazpacho</mark>&lt;/b&gt; &amp;');
      for (const q of ['gazpacho', 'lighthouse', 'chiefs', 'quokka']) {
        for (const r of (await api(`/api/search?q=${q}`)).results) {
          expect(r.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        }
      }
      const page = dom((await get('/search?q=gazpacho')).body);
      expect(page.querySelectorAll('.search-snippet *').map((e) => e.tagName)).toEqual(['MARK']);
    });

    it('finds pages of the publication in the first edition, with no section', async () => {
      const body = await api('/api/search?q=harbourmaster');
      expect(body.results).toEqual([
        expect.objectContaining({ id: pageId, headline: 'Contact the newsroom', path: '/contact/', section: null }),
      ]);
      expect((await api('/api/search?q=harbourmaster&section=business')).results).toEqual([]);
      expect((await api('/api/search?q=harbourmaster&edition=ja')).results).toEqual([]);
    });

    it('searches each edition on its own: /ja/search in Japanese finds only the Japanese stories', async () => {
      const ja = await get('/ja/search?q=%E9%98%B2%E8%A1%9B');
      expect(ja.statusCode).toBe(200);
      expect(headlinesOf(ja.body)).toEqual(['防衛省が新たな計画を発表', '国会の会期末']);
      const page = dom(ja.body);
      expect(page.querySelector('html')!.getAttribute('lang')).toBe('ja');
      expect(page.querySelector('h1')!.text).toBe('検索');
      expect(page.querySelector('form.search-form')!.getAttribute('action')).toBe('/ja/search');
      expect(page.querySelector('.search-result h3 a')!.getAttribute('href')).toMatch(/^\/ja\/sports\/\d{8}-\d+\/$/);
      expect(headlinesOf((await get('/search?q=防衛')).body)).toEqual(['Tokyo vocabulary']);
      expect(await apiHeadlines('/api/search?q=防衛&edition=ja')).toEqual(['防衛省が新たな計画を発表', '国会の会期末']);
      expect(await htmlProblems(ja.body)).toEqual([]);
    });

    it('answers the API with exactly the fields of issue 15', async () => {
      const body = await api('/api/search?q=chiefs');
      expect(Object.keys(body)).toEqual(['query', 'total', 'page', 'pages', 'results']);
      expect(body).toMatchObject({ query: 'chiefs', total: 1, page: 1, pages: 1 });
      const [result] = body.results;
      expect(Object.keys(result!)).toEqual(['id', 'headline', 'path', 'url', 'section', 'publishedAt', 'snippet']);
      expect(result).toMatchObject({
        id: ids.reference,
        headline: 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        section: 'Defense & Security',
        publishedAt: '2026-01-21T04:01:00.000Z',
      });
      expect(result!.url).toBe(t.site.current().context.settings.baseUrl + result!.path);
    });

    it('shows the empty search page for a query with no words, with no results and no error', async () => {
      for (const url of ['/search', '/search?q=', '/search?q=%20*%20%22%22%20']) {
        const res = await get(url);
        expect([url, res.statusCode]).toEqual([url, 200]);
        expect(dom(res.body).querySelector('.search-results')).toBeNull();
        expect(dom(res.body).querySelector('.search-prompt')).not.toBeNull();
      }
      expect(await api('/api/search?q=***')).toEqual({ query: '***', total: 0, page: 1, pages: 0, results: [] });
    });

    it('says when nothing matches, keeping the query in the box', async () => {
      const res = await get('/search?q=xylophonist');
      expect(res.statusCode).toBe(200);
      expect(dom(res.body).querySelector('.search-none')!.text).toBe('No articles match “xylophonist”.');
      expect(boxOf(res.body)).toBe('xylophonist');
    });

    it('says when a long query was shortened, on the page and in the API', async () => {
      const long = 'lighthouse '.repeat(1000);
      const page = await get(`/search?q=${long}`);
      expect(dom(page.body).querySelector('.search-note')!.text).toBe(
        'Your search was shortened to its first 200 characters.',
      );
      expect(headlinesOf(page.body)).toEqual(['Lighthouse keeper retires', 'Coast notes']);
      const words = Array.from({ length: 25 }, (_, i) => `w${i}`).join(' ');
      expect((await api(`/api/search?q=${words}`)).note).toBe('Your search was shortened to its first 20 words.');
    });

    it.each(QUERIES_THAT_ARE_DATA.map((q) => [JSON.stringify(q).slice(0, 40), q]))(
      'reads %s as data: a page and an API answer, never an error',
      async (_name, q) => {
        const encoded = encodeURIComponent(q);
        expect((await get(`/search?q=${encoded}`)).statusCode).toBe(200);
        expect((await get(`/api/search?q=${encoded}`)).statusCode).toBe(200);
      },
    );

    it('answers bytes that are no UTF-8 with a page, not an error', async () => {
      expect((await get('/search?q=%ED%A0%80%FF')).statusCode).toBe(200);
    });

    it.each([
      ['page=0', 'page'],
      ['page=two', 'page'],
      ['page=1&page=2', 'page'],
      ['sort=oldest', 'sort'],
      ['from=2026-02-30', 'from'],
      ['to=20260101', 'to'],
      ['from=2026-01-20&to=2026-01-10', 'to'],
      ['section=no-such-section', 'section'],
      ['author=nobody-at-all', 'author'],
    ])(
      'refuses %s with a 400 that keeps the query in the box, and names the field in the API',
      async (query, field) => {
        const page = await get(`/search?q=lighthouse&${query}`);
        expect(page.statusCode).toBe(400);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(boxOf(page.body)).toBe('lighthouse');
        expect(dom(page.body).querySelectorAll('.search-problems li')).toHaveLength(1);
        expect(await htmlProblems(page.body)).toEqual([]);
        const res = await get(`/api/search?q=lighthouse&${query}`);
        expect(res.statusCode).toBe(400);
        const { error } = res.json<{ error: { code: string; fields: Record<string, string> } }>();
        expect(error.code).toBe('invalid_search_query');
        expect(Object.keys(error.fields)).toEqual([field]);
      },
    );

    it('says which section and which author it does not know', async () => {
      const section = dom((await get('/search?q=otter&section=gardening')).body);
      expect(section.querySelector('.search-problems li')!.text).toBe('There is no section “gardening”.');
      const author = dom((await get('/search?q=otter&author=no-one')).body);
      expect(author.querySelector('.search-problems li')!.text).toBe('There is no author “no-one”.');
      // Not sent again with the form, or mending the query would be refused once more.
      expect(author.querySelector('input[name="author"]')).toBeNull();
    });

    it('words a refusal in the edition’s language', async () => {
      const res = await get('/ja/search?q=%E9%98%B2%E8%A1%9B&from=2026-02-30');
      expect(res.statusCode).toBe(400);
      const page = dom(res.body);
      expect(page.querySelector('.search-problems li')!.text).toBe(
        '日付は2026-01-31の形で、実在する日を指定してください。',
      );
      expect(boxOf(res.body)).toBe('防衛');
    });

    it('moves the address with a slash to the one without, in each edition, keeping the query', async () => {
      for (const [from, to] of [
        ['/search/?q=otter&page=2', '/search?q=otter&page=2'],
        ['/ja/search/?q=otter', '/ja/search?q=otter'],
      ]) {
        const res = await get(from!);
        expect([from, res.statusCode, res.headers.location]).toEqual([from, 301, to]);
      }
    });

    it('refuses an edition the site does not have in the API', async () => {
      const res = await get('/api/search?q=otter&edition=fr');
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('invalid_search_query');
    });

    it('serves a repeat of a search from the cache, however its parameters are spelled', async () => {
      expect((await get('/search?q=otter&section=politics')).headers['x-cache']).toBe('MISS');
      expect((await get('/search?q=otter&section=politics')).headers['x-cache']).toBe('HIT');
      expect(
        (await get('/search?section=politics&utm_source=mail&q=%20otter%20&sort=relevance')).headers['x-cache'],
      ).toBe('HIT');
      expect((await get('/api/search?q=otter')).headers['x-cache']).toBe('MISS');
      expect((await get('/api/search?edition=en&q=otter')).headers['x-cache']).toBe('HIT');
    });

    it('is a reader page like the others: valid HTML, security headers, never indexed', async () => {
      for (const url of [
        '/search?q=lighthouse',
        '/search',
        '/search?q=xylophonist',
        '/search?q=quokka&page=3',
        '/search?q=lighthouse&page=0',
      ]) {
        const res = await get(url);
        expect(await htmlProblems(res.body)).toEqual([]);
        for (const [name, value] of Object.entries(SECURITY_HEADERS))
          expect([url, name, res.headers[name]]).toEqual([url, name, value]);
        expect(dom(res.body).querySelector('meta[name="robots"]')!.getAttribute('content')).toBe('noindex');
      }
    });

    it('finds a story once its time has come', async () => {
      t.setNow(new Date(FIXTURE_NOW.getTime() + HOUR));
      try {
        expect(await apiHeadlines('/api/search?q=zephyrine&sort=newest')).toEqual([
          'Zephyrine embargoed',
          'Zephyrine winds reach the coast',
        ]);
      } finally {
        t.setNow(FIXTURE_NOW);
      }
    });
  });
}

/**
 * Kept searches are sent before Fastify (src/server/reader/fast-search.ts): over real sockets, a worker listening as
 * `dateline serve` does answers exactly as one whose every request goes to Fastify, and its Fastify never sees the
 * searches it had kept. The path does not depend on the content backend: SQLite only.
 */
const sqliteContent = BACKENDS.find((b) => b.name === 'sqlite')!;

describe.skipIf(sqliteContent.skipReason !== null)('kept searches before Fastify', () => {
  let content: TestStorage;
  let twins: FastPathTwins | undefined;
  const dirs: string[] = [];
  const seenByFastify: string[] = [];

  const worker = async (): Promise<Worker> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-fast-search-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
    return composeWorker(config, { db: content.db, clock: () => FIXTURE_NOW, logger: null, timers: false });
  };
  const both = async (path: string, method = 'GET', headers: Record<string, string> = {}) => ({
    viaFast: await send(twins!.fastPort, path, method, headers),
    viaFastify: await send(twins!.plainPort, path, method, headers),
  });

  beforeAll(async () => {
    content = await sqliteContent.open();
    await loadNewsroomFixture(content.db);
    twins = await listenAsTwins(await worker(), await worker(), (req) =>
      seenByFastify.push(`${req.method} ${req.url}`),
    );
  });
  afterAll(async () => {
    await twins?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await content?.destroy();
  });

  it('sends a kept search page and a kept API answer as the routes do, without Fastify', async () => {
    const paths = ['/search?q=chiefs', '/search?q=story&sort=newest&page=2', '/api/search?q=chiefs', '/search'];
    for (const path of paths) await both(path);
    seenByFastify.length = 0;
    for (const path of paths) {
      for (const [method, headers] of [
        ['GET', {}],
        ['GET', { 'accept-encoding': 'gzip' }],
        ['HEAD', {}],
      ] as const) {
        const { viaFast, viaFastify } = await both(path, method, headers);
        expect(headerOf(viaFast, 'x-cache'), path).toBe('HIT');
        expect(viaFast, `${method} ${path}`).toEqual(viaFastify);
      }
    }
    // Another spelling of a kept search is the same search.
    const respelled = await send(twins!.fastPort, '/search?utm_source=mail&q=+chiefs+&sort=relevance');
    expect([respelled.status, headerOf(respelled, 'x-cache')]).toEqual([200, 'HIT']);
    expect(seenByFastify).toEqual([]);
  });

  it('leaves to Fastify a search it has not kept and a refused one', async () => {
    seenByFastify.length = 0;
    const fresh = await send(twins!.fastPort, '/search?q=budget');
    const refused = await send(twins!.fastPort, '/search?q=chiefs&page=0');
    expect([fresh.status, headerOf(fresh, 'x-cache'), refused.status]).toEqual([200, 'MISS', 400]);
    expect(seenByFastify).toEqual(['GET /search?q=budget', 'GET /search?q=chiefs&page=0']);
  });
});
