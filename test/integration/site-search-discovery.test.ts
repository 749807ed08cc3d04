import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { loadTheme } from '../../src/plugins/theme.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

/**
 * How readers and browsers find the site's search (issue 15): the search box in every reader page's masthead (a
 * theme's masthead included), `<link rel="search">` and the OpenSearch description it names, per edition, and the
 * home page's WebSite SearchAction.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const FORM = '<form role="search" action="/search" method="get">';
const JA_FORM = '<form role="search" action="/ja/search" method="get">';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'Url' || name === 'Image',
});

type JsonLd = Record<string, unknown>;
const webSiteOf = (html: string): JsonLd => {
  const graphs = dom(html)
    .querySelectorAll('script[type="application/ld+json"]')
    .flatMap((s) => ((JSON.parse(s.textContent) as JsonLd)['@graph'] as JsonLd[] | undefined) ?? []);
  const sites = graphs.filter((n) => n['@type'] === 'WebSite');
  expect(sites).toHaveLength(1);
  return sites[0]!;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`finding the site's search on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    const workers: Worker[] = [];
    const dataDirs: string[] = [];
    let plain: Worker;
    let broadsheet: Worker;
    const articlePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    const readerPages = () => ['/', '/politics/', articlePath(), '/ranking/', '/corrections/', '/author/mei-aoki/'];

    const workerWith = async (theme?: Awaited<ReturnType<typeof loadTheme>>): Promise<Worker> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dateline-search-box-'));
      dataDirs.push(dataDir);
      const config = loadConfig({ DATELINE_DATA: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent' });
      const worker = await composeWorker(config, {
        db: storage.db,
        clock: () => FIXTURE_NOW,
        logger: null,
        timers: false,
        ...(theme ? { theme } : {}),
      });
      await worker.start();
      workers.push(worker);
      return worker;
    };
    const get = (w: Worker, url: string) => w.app.inject({ url });
    const baseUrl = () => plain.site.current().context.settings.baseUrl;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const ja = await insertEditionRow(storage.db, {
        language: 'ja',
        prefix: '/ja/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('ja', {
            publicationName: 'デイトライン新聞',
            shortName: 'DL',
            tagline: '東京と世界のニュース',
            timeZoneLabel: 'JST',
          }),
        ),
      });
      await storage.db
        .insertInto('section_name')
        .values({ section_id: ids.sections.politics, edition_id: ja!, name: '政治', slug: 'seiji' })
        .execute();
      await bumpContentVersion(storage.db);
      plain = await workerWith();
      broadsheet = await workerWith(await loadTheme('./examples/theme-broadsheet', { cwd: ROOT }));
    });
    afterAll(async () => {
      for (const w of workers) await w.close();
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
      await storage?.destroy();
    });

    it('puts one search box in the masthead of every reader page, a 404 included', async () => {
      for (const url of [...readerPages(), '/no-such-section/']) {
        const res = await get(plain, url);
        expect(res.statusCode, url).toBe(url === '/no-such-section/' ? 404 : 200);
        expect(res.body.split(FORM), url).toHaveLength(2);
        const form = dom(res.body).querySelector('header.masthead form[role="search"]');
        const input = form?.querySelector('input[type="search"][name="q"]');
        expect(input?.getAttribute('value'), url).toBeUndefined();
        expect(form?.querySelector(`label[for="${input?.getAttribute('id')}"]`)?.text, url).toBe('Search for');
        expect(form?.querySelector('button[type="submit"]')?.text, url).toBe('Search');
      }
    });

    it('keeps the box when a theme replaces the masthead', async () => {
      for (const url of readerPages()) {
        const page = dom((await get(broadsheet, url)).body);
        expect(page.querySelector('header.masthead .broadsheet-masthead'), url).not.toBeNull();
        expect(page.querySelectorAll('header.masthead form[role="search"][action="/search"]'), url).toHaveLength(1);
      }
    });

    it("shows the search page's query in the masthead's box, and a refused search's too", async () => {
      const boxValue = (html: string) =>
        dom(html).querySelector('header.masthead form[role="search"] input[name="q"]')?.getAttribute('value');
      const found = await get(plain, '/search?q=%22defence+chiefs%22+%3Cb%3E');
      expect(found.statusCode).toBe(200);
      expect(boxValue(found.body)).toBe('"defence chiefs" <b>');
      const refused = await get(plain, '/search?q=talks&page=0');
      expect(refused.statusCode).toBe(400);
      expect(boxValue(refused.body)).toBe('talks');
    });

    it("sends the Japanese edition's box to /ja/search, in Japanese", async () => {
      const res = await get(plain, '/ja/');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(JA_FORM);
      const form = dom(res.body).querySelector('header.masthead form[role="search"]')!;
      expect(form.querySelector('label')!.text).toBe('検索する言葉');
      expect(form.querySelector('button')!.text).toBe('検索');
    });

    it('keeps the pages valid HTML with the box', async () => {
      for (const url of [...readerPages(), '/ja/', '/ja/seiji/'])
        expect(await htmlProblems((await get(plain, url)).body), url).toEqual([]);
    });

    it("names each edition's OpenSearch description in every reader page's head", async () => {
      const linkOf = (html: string) => {
        const links = dom(html).querySelectorAll('head link[rel="search"]');
        expect(links).toHaveLength(1);
        return [links[0]!.getAttribute('type'), links[0]!.getAttribute('title'), links[0]!.getAttribute('href')];
      };
      for (const url of readerPages())
        expect(linkOf((await get(plain, url)).body), url).toEqual([
          'application/opensearchdescription+xml',
          'Dateline News',
          '/opensearch.xml',
        ]);
      expect(linkOf((await get(plain, '/ja/')).body)).toEqual([
        'application/opensearchdescription+xml',
        'デイトライン新聞',
        '/ja/opensearch.xml',
      ]);
    });

    it('serves /opensearch.xml as an OpenSearch description of /search, kept like other reader documents', async () => {
      const res = await get(plain, '/opensearch.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/opensearchdescription+xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(XMLValidator.validate(res.body)).toBe(true);
      const doc = xml.parse(res.body).OpenSearchDescription;
      expect(doc.ShortName).toBe('Dateline News');
      expect(doc.InputEncoding).toBe('UTF-8');
      expect(doc.Url[0]).toEqual({
        type: 'text/html',
        method: 'get',
        template: `${baseUrl()}/search?q={searchTerms}`,
      });
      expect(doc.Image.map((i: Record<string, string>) => i['#text'])).toContain(`${baseUrl()}/favicon.ico`);
      const icon = await get(plain, '/favicon.ico');
      expect(icon.statusCode).toBe(200);

      const again = await get(plain, '/opensearch.xml');
      expect(again.headers['x-cache']).toBe('HIT');
      expect(again.body).toBe(res.body);
      const revalidated = await plain.app.inject({
        url: '/opensearch.xml',
        headers: { 'if-none-match': String(res.headers.etag) },
      });
      expect(revalidated.statusCode).toBe(304);
    });

    it("serves /ja/opensearch.xml for the Japanese edition's search, and none for an edition that is not there", async () => {
      const res = await get(plain, '/ja/opensearch.xml');
      expect(res.statusCode).toBe(200);
      const doc = xml.parse(res.body).OpenSearchDescription;
      expect(doc.ShortName).toBe('デイトライン新聞');
      expect(doc.Language).toBe('ja');
      expect(doc.Url[0].template).toBe(`${baseUrl()}/ja/search?q={searchTerms}`);
      expect((await get(plain, '/ko/opensearch.xml')).statusCode).toBe(404);
    });

    it('gives each edition home a WebSite SearchAction for its own search page', async () => {
      const action = (html: string) => webSiteOf(html).potentialAction;
      expect(action((await get(plain, '/')).body)).toEqual({
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${baseUrl()}/search?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      });
      expect(action((await get(plain, '/ja/')).body)).toMatchObject({
        target: { urlTemplate: `${baseUrl()}/ja/search?q={search_term_string}` },
      });
    });
  });
}
