import fc from 'fast-check';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { findArticleRow, latestPublishedRows } from '../../src/storage/repositories/article.repository.js';
import { SECURITY_HEADERS } from '../../src/server/security-headers.js';
import { FIXTURE_NOW, loadNewsroomFixture, REFERENCE_PARAGRAPHS, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`reader site on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    /** A site of the test's own, for tests that change content the other tests read. */
    const withOwnSite = async (test: (own: { storage: TestStorage; ids: FixtureIds; t: TestApp }) => Promise<void>) => {
      const own = await backend.open();
      try {
        const ownIds = await loadNewsroomFixture(own.db);
        const ownApp = await buildTestApp(own.db, FIXTURE_NOW);
        try {
          await test({ storage: own, ids: ownIds, t: ownApp });
        } finally {
          await ownApp.close();
        }
      } finally {
        await own.destroy();
      }
    };

    describe('the article page', () => {
      it('shows headline, photo caption, dateline, body and the Top Articles box in the reference order', async () => {
        const res = await get(referencePath());
        expect(res.statusCode).toBe(200);
        const html = res.body;
        const order = [
          '<h1>Defence Chiefs of Two Neighbours Plan Talks to Mend Ties</h1>',
          'A defence minister speaks to reporters',
          '13:01 JST, January 21, 2026',
          REFERENCE_PARAGRAPHS[0]!,
          REFERENCE_PARAGRAPHS[7]!,
          'Top Articles in Politics',
        ].map((s) => html.indexOf(s));
        expect(order.every((i) => i > 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
      });

      it('renders all eight paragraphs as paragraphs of the body', async () => {
        const body = dom((await get(referencePath())).body).querySelector('.article-body')!;
        expect(body.querySelectorAll('p').map((p) => p.text)).toEqual(REFERENCE_PARAGRAPHS);
      });

      it('gives the dateline a machine-readable time with the offset', async () => {
        const time = dom((await get(referencePath())).body).querySelector('.dateline time')!;
        expect(time.getAttribute('datetime')).toBe('2026-01-21T13:01:00+09:00');
      });

      it('serves an image with any query string from the copy kept for its bare address', async () => {
        const page = dom((await get(referencePath())).body);
        const src = page.querySelector('.main-photo img')!.getAttribute('src')!;
        expect((await get(src)).statusCode).toBe(200);
        const withQuery = await get(`${src}?utm_source=newsletter&v=${Date.now()}`);
        expect(withQuery.statusCode).toBe(200);
        expect(withQuery.headers['x-cache']).toBe('HIT');
      });

      it('credits the photo and sets its width, height and alt text', async () => {
        const page = dom((await get(referencePath())).body);
        const img = page.querySelector('.main-photo img')!;
        expect(img.getAttribute('alt')).toBe('A minister at a lectern');
        expect(Number(img.getAttribute('width'))).toBeGreaterThan(0);
        expect(Number(img.getAttribute('height'))).toBeGreaterThan(0);
        expect(page.querySelector('.main-photo figcaption')!.text).toContain('Dateline photo');
        const sources = page.querySelectorAll('.main-photo source');
        expect(sources.map((s) => s.getAttribute('type'))).toEqual(['image/avif', 'image/webp']);
        expect(sources[0]!.getAttribute('srcset')).toMatch(/^\/media\/\d+-[0-9a-f]{16}\/w\d+\.avif \d+w(, |$)/);
      });

      it('lists bylines in order', async () => {
        expect(dom((await get(referencePath())).body).querySelector('.byline')!.text).toBe('By Tom Baker and Mei Aoki');
      });

      it('fills the Top Articles box with five section headlines: pinned first, then latest, never itself', async () => {
        const box = dom((await get(referencePath())).body).querySelector('.article-aside .headline-box')!;
        const hrefs = box.querySelectorAll('a').map((a) => a.getAttribute('href')!);
        expect(hrefs).toHaveLength(5);
        expect(hrefs[0]).toContain(`-${ids.pinned}/`);
        expect(hrefs.some((h) => h.endsWith(`-${ids.reference}/`))).toBe(false);
        // After the pin come the newest politics stories, subsection included: story 7, story 6, the budget story, story 5.
        expect(hrefs.slice(1)).toEqual([
          expect.stringContaining(`-${ids.politics[6]}/`),
          expect.stringContaining(`-${ids.politics[5]}/`),
          `/politics/20260121-${ids.updated}/`,
          expect.stringContaining(`-${ids.politics[4]}/`),
        ]);
      });

      it('shows a numbered access ranking box of five, filled with the latest while nothing has been read', async () => {
        const boxes = dom((await get(referencePath())).body).querySelectorAll('.article-aside .headline-box');
        expect(boxes[1]!.querySelector('h2')!.text).toBe('DN ACCESS RANKING');
        const items = boxes[1]!.querySelectorAll('ol li a');
        expect(items).toHaveLength(5);
        // No views yet: the newest articles, the reference article (the newest) first.
        expect(items[0]!.getAttribute('href')).toBe(referencePath());
      });

      it('carries the view beacon with the article id and a signed token', async () => {
        const script = dom((await get(referencePath())).body).querySelector('script[data-article]')!;
        expect(script.getAttribute('data-article')).toBe(String(ids.reference));
        expect(script.getAttribute('data-token')).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
        expect(script.getAttribute('src')).toMatch(/^\/static\/view-beacon\.[0-9a-f]{10}\.js$/);
      });

      it('shows an Updated line only after a significant update', async () => {
        const updated = dom((await get(`/politics/20260121-${ids.updated}/`)).body).querySelectorAll('.dateline p');
        expect(updated.map((p) => p.text)).toEqual([
          '09:30 JST, January 21, 2026',
          'Updated 18:45 JST, January 21, 2026',
        ]);
        expect(dom((await get(referencePath())).body).querySelectorAll('.dateline p')).toHaveLength(1);
      });

      it('is valid HTML', async () => {
        expect(await htmlProblems((await get(referencePath())).body)).toEqual([]);
      });

      it('carries NewsArticle structured data', async () => {
        const script = dom((await get(referencePath())).body).querySelector('script[type="application/ld+json"]')!;
        // One graph: the NewsArticle and its BreadcrumbList (test/integration/social-cards.test.ts checks them fully).
        const data = JSON.parse(script.innerHTML) as { '@graph': { '@type': string }[] };
        expect(data['@graph'][0]).toMatchObject({ '@type': 'NewsArticle', datePublished: '2026-01-21T13:01:00+09:00' });
      });
    });

    describe('addresses', () => {
      it.each([
        ['without the trailing slash', (id: number) => `/politics/defense-security/20260121-${id}`],
        ['under the wrong section', (id: number) => `/business/20260121-${id}/`],
        ['without the subsection', (id: number) => `/politics/20260121-${id}/`],
        ['with the wrong date', (id: number) => `/politics/defense-security/20250101-${id}/`],
      ])('redirects permanently to the canonical URL when reached %s', async (_name, url) => {
        const res = await get(url(ids.reference));
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe(referencePath());
      });

      it('answers an unknown article with a 404 page that keeps the navigation', async () => {
        const res = await get('/politics/20260121-999999/');
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toContain('text/html');
        expect(dom(res.body).querySelector('nav[aria-label="Sections"]')).not.toBeNull();
        expect(await htmlProblems(res.body)).toEqual([]);
      });

      it('hides articles scheduled for later', async () => {
        const row = await storage.db
          .selectFrom('article')
          .select('id')
          .where('headline', '=', 'Tomorrow story')
          .executeTakeFirstOrThrow();
        expect((await get(`/politics/20260122-${row.id}/`)).statusCode).toBe(404);
      });

      it.each(['/nope/', '/politics/nope/', '/a/b/c/d/', '/politics/20260121-abc/', '/UPPER/', '/x%00y/'])(
        'answers %s with 404',
        async (url) => {
          expect((await get(url)).statusCode).toBe(404);
        },
      );

      it('says X-Cache: MISS when it renders a page and HIT when it serves the kept copy', async () => {
        t.setNow(FIXTURE_NOW);
        expect((await get('/politics/')).headers['x-cache']).toBe('MISS');
        expect((await get('/politics/')).headers['x-cache']).toBe('HIT');
      });

      it.each(['/%ZZ', '/politics/%E0%A4%A/'])('sends every security header with the 400 for %s', async (url) => {
        const res = await get(url);
        expect(res.statusCode).toBe(400);
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], name).toBe(value);
      });

      it('answers malformed percent-encoding with 400, not 500', async () => {
        const res = await get('/politics/%E0%A4%A/');
        expect(res.statusCode).toBe(400);
        expect(res.body).not.toMatch(/at .*\.js:\d+/);
      });

      it.each(['abc', '0', '-1', '1.5'])('answers page=%s on a front with 400', async (page) => {
        expect((await get(`/politics/?page=${page}`)).statusCode).toBe(400);
      });

      it('answers any address made of real and broken parts with a page, a redirect, 400 or 404, never 500', async () => {
        const segment = fc.oneof(
          fc.constantFrom(
            'politics',
            'defense-security',
            'national',
            'ranking',
            'corrections',
            'media',
            'static',
            'api',
            'newsroom',
            `20260121-${ids.reference}`,
            '20260121-999999999999999',
            '2147483648-0123456789abcdef',
            '9999999999-0123456789abcdef',
            '20260230-1',
            '20261399-5',
            '00000000-0',
            '20260121-99999999999999999999',
            '20260121-',
            '-1',
            '..',
            '.',
            '%2e%2e',
            '%00',
            '%E0%A4%A',
            '%C0%AF',
            '%ZZ',
            'page',
            'w400.jpg',
            '1-0123456789abcdef',
            '',
          ),
          fc.string({ maxLength: 12 }).map(encodeURIComponent),
        );
        const query = fc.oneof(
          fc.constant(''),
          fc.constantFrom(
            '?page=2',
            '?page=0',
            '?page=-1',
            '?page=1e9',
            '?page=2&page=3',
            '?page[]=1',
            '?window=24h',
            '?window=1y&section=%00',
            '?limit=-5',
            '?q=%',
            '?%=%',
          ),
          fc.string({ maxLength: 10 }).map((q) => `?${encodeURIComponent(q)}`),
        );
        await fc.assert(
          fc.asyncProperty(fc.array(segment, { maxLength: 5 }), fc.boolean(), query, async (parts, slash, q) => {
            const url = `/${parts.join('/')}${slash ? '/' : ''}${q}`;
            const res = await get(url);
            // 303: a newsroom page sends a signed-out visitor to sign in.
            expect([200, 301, 303, 308, 400, 404], url).toContain(res.statusCode);
          }),
          { numRuns: 300 },
        );
      });

      it('answers a page beyond the last with 404', async () => {
        expect((await get('/politics/?page=99')).statusCode).toBe(404);
      });

      it('redirects a front without its trailing slash', async () => {
        const res = await get('/politics');
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe('/politics/');
      });
    });

    describe('fronts', () => {
      it("lists a section's latest articles, its subsections' included, with dates and standfirsts", async () => {
        const res = await get('/politics/');
        expect(res.statusCode).toBe(200);
        const page = dom(res.body);
        // The newest leads the front; the list follows.
        expect(page.querySelector('.front .lead-story h2')!.text).toBe(
          'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        );
        const headlines = page.querySelectorAll('.teaser-headline').map((h) => h.text);
        expect(headlines).toContain('Politics story 2');
        expect(headlines).not.toContain('Tomorrow story');
        expect(page.querySelector('.teaser-meta time')).not.toBeNull();
        expect(res.body).toContain('Summary of politics story 1.');
        expect(await htmlProblems(res.body)).toEqual([]);
      });

      it('pages through a section and its subsections in publication order', async () => {
        const all = await latestPublishedRows(storage.db, {
          now: FIXTURE_NOW.getTime(),
          sectionIds: [ids.sections.politics, ids.sections.defense],
          limit: 100,
        });
        const expected = [...all].sort((a, b) => b.published_at! - a.published_at! || b.id - a.id).map((r) => r.id);
        expect(all.map((r) => r.id)).toEqual(expected);
        const page = await latestPublishedRows(storage.db, {
          now: FIXTURE_NOW.getTime(),
          sectionIds: [ids.sections.politics, ids.sections.defense],
          limit: 3,
          offset: 2,
        });
        expect(page.map((r) => r.id)).toEqual(expected.slice(2, 5));
      });

      it('shows a subsection front with only its own articles', async () => {
        const headlines = dom((await get('/politics/defense-security/')).body)
          .querySelectorAll('.teaser-headline')
          .map((h) => h.text);
        expect(headlines).toContain('Politics story 2');
        expect(headlines).not.toContain('Politics story 1');
      });

      it('says so when a section has nothing yet', async () => {
        expect((await get('/sports/')).body).toContain('Nothing has been published in Sports yet.');
      });

      it('shows the home page: curated top stories first, then sections', async () => {
        const res = await get('/');
        expect(res.statusCode).toBe(200);
        const page = dom(res.body);
        expect(page.querySelector('.lead-headline')!.text).toBe(
          'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties',
        );
        expect(page.querySelectorAll('.home-section h2').map((h) => h.text)).toEqual(['Politics', 'Business']);
        expect(await htmlProblems(res.body)).toEqual([]);
      });
    });

    describe('safety and caching', () => {
      it('sends strict security headers, with no inline script allowed', async () => {
        const res = await get(referencePath());
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      });

      it('renders a stored body that tries to inject markup as harmless text', () =>
        withOwnSite(async (own) => {
          const id = await saveArticle(
            own.storage.db,
            null,
            {
              slug: 'hostile',
              headline: '<script>alert(1)</script>',
              standfirst: null,
              body: [
                paragraph('<img src=x onerror=alert(1)>'),
                {
                  type: 'paragraph',
                  content: [{ text: 'click', marks: [{ type: 'link', href: 'javascript:alert(1)' }] }],
                },
              ],
              sectionId: own.ids.sections.sports,
              authorIds: [],
              tags: [],
              photo: null,
              status: 'published',
              publishedAt: new Date('2026-01-20T00:00:00Z'),
              updatedAt: null,
            },
            FIXTURE_NOW,
          );
          await own.t.site.refresh();
          const res = await own.t.app.inject({ method: 'GET', url: `/sports/20260120-${id}/` });
          expect(res.statusCode).toBe(200);
          expect(res.body).not.toContain('<script>alert');
          expect(res.body).not.toContain('<img src=x');
          expect(res.body).not.toContain('javascript:');
          expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
        }));

      it('serves a fresh page after content changes', () =>
        withOwnSite(async (own) => {
          const get = (url: string) => own.t.app.inject({ method: 'GET', url });
          const row = (await findArticleRow(own.storage.db, own.ids.business[0]!))!;
          // A wrong date in the address redirects to the canonical one.
          const moved = await get(`/business/20000101-${row.id}/`);
          expect(moved.statusCode).toBe(301);
          const canonical = String(moved.headers.location);
          const before = await get(canonical);
          expect(before.statusCode).toBe(200);
          expect(before.body).toContain('Business story 1');
          await saveArticle(
            own.storage.db,
            row.id,
            {
              slug: row.slug,
              headline: 'Business story one, rewritten',
              standfirst: null,
              body: [paragraph('New text.')],
              sectionId: row.section_id,
              authorIds: [],
              tags: [],
              photo: null,
              status: 'published',
              publishedAt: new Date(row.published_at!),
              updatedAt: null,
            },
            FIXTURE_NOW,
          );
          expect(await own.t.site.refresh()).toBe(true);
          expect((await get(canonical)).body).toContain('Business story one, rewritten');
        }));

      it('answers a matching If-None-Match with 304', async () => {
        const first = await get(referencePath());
        const again = await get(referencePath(), { 'if-none-match': String(first.headers.etag) });
        expect(again.statusCode).toBe(304);
      });

      it('compresses pages for clients that accept gzip', async () => {
        const res = await get(referencePath(), { 'accept-encoding': 'gzip, deflate' });
        expect(res.headers['content-encoding']).toBe('gzip');
        expect(res.headers.vary).toBe('Accept-Encoding');
        expect(gunzipSync(res.rawPayload).equals((await get(referencePath())).rawPayload)).toBe(true);
      });

      it('sends Brotli, preferred to gzip, for a page, a feed, a sitemap and a static file', async () => {
        const stylesheet = dom((await get('/')).body)
          .querySelector('link[rel="stylesheet"]')!
          .getAttribute('href')!;
        for (const url of [referencePath(), '/feed/', '/sitemaps/news.xml', stylesheet]) {
          const plain = await get(url);
          const res = await get(url, { 'accept-encoding': 'gzip, br' });
          expect([res.statusCode, res.headers['content-encoding'], res.headers.vary], url).toEqual([
            200,
            'br',
            'Accept-Encoding',
          ]);
          expect(brotliDecompressSync(res.rawPayload).equals(plain.rawPayload), url).toBe(true);
          expect(Number(res.headers['content-length']), url).toBe(res.rawPayload.byteLength);
          // A client that refuses Brotli gets gzip; one that refuses both gets the body as it is.
          expect((await get(url, { 'accept-encoding': 'gzip, br;q=0' })).headers['content-encoding'], url).toBe('gzip');
          expect((await get(url, { 'accept-encoding': 'br;q=0, gzip;q=0' })).rawPayload.equals(plain.rawPayload)).toBe(
            true,
          );
        }
      });

      it('serves photo variants with long-lived caching, and 404 for a wrong hash', async () => {
        const src = dom((await get(referencePath())).body)
          .querySelector('.main-photo img')!
          .getAttribute('src')!;
        const img = await get(src);
        expect(img.statusCode).toBe(200);
        expect(img.headers['content-type']).toBe('image/jpeg');
        expect(img.headers['cache-control']).toContain('immutable');
        const webp = await get(src.replace(/\.jpg$/, '.webp'));
        expect(webp.headers['content-type']).toBe('image/webp');
        const avif = await get(src.replace(/\.jpg$/, '.avif'));
        expect([avif.statusCode, avif.headers['content-type']]).toEqual([200, 'image/avif']);
        expect((await sharp(avif.rawPayload).metadata()).format).toBe('heif');
        expect((await get(src.replace(/-[0-9a-f]{16}\//, '-0000000000000000/'))).statusCode).toBe(404);
        expect((await get(src.replace(/w\d+\.jpg$/, 'w9.gif'))).statusCode).toBe(404);
      });

      it('serves the stylesheet under a fingerprinted name, cached for a year', async () => {
        const href = dom((await get('/')).body)
          .querySelector('link[rel="stylesheet"]')!
          .getAttribute('href')!;
        expect(href).toMatch(/^\/static\/site\.[0-9a-f]{10}\.css$/);
        const css = await get(href);
        expect(css.statusCode).toBe(200);
        expect(css.headers['cache-control']).toContain('immutable');
      });
    });
  });
}
