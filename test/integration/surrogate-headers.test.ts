import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * What a cache in front files each response under (issue 18, domain/surrogate-keys.ts): the keys a purge finds it
 * by, in each CDN's header, and how long the proxy may keep it while browsers keep Cache-Control's minute.
 */
describe('surrogate headers', () => {
  let storage: TestStorage;
  let ids: FixtureIds;
  let t: TestApp;
  beforeAll(async () => {
    storage = await BACKENDS[0]!.open();
    ids = await loadNewsroomFixture(storage.db);
    t = await buildTestApp(storage.db, FIXTURE_NOW);
  });
  afterAll(async () => {
    await t?.close();
    await storage?.destroy();
  });

  const surrogateOf = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, url).toBe(200);
    return {
      key: res.headers['surrogate-key'],
      xkey: res.headers.xkey,
      tag: res.headers['cache-tag'],
      control: res.headers['surrogate-control'],
      cdn: res.headers['cdn-cache-control'],
      browser: res.headers['cache-control'],
    };
  };

  it('files an article page under its own key, kept ten minutes in front, in every CDN’s spelling', async () => {
    const path = `/politics/defense-security/20260121-${ids.reference}/`;
    // Rendered whole the first time, from its kept pieces the next, gzip or not: the same headers each way.
    for (const headers of [{}, {}, { 'accept-encoding': 'gzip' }] as Record<string, string>[])
      expect(await surrogateOf(path, headers)).toEqual({
        key: `site article-${ids.reference}`,
        xkey: `site article-${ids.reference}`,
        tag: `site,article-${ids.reference}`,
        control: 'max-age=600',
        cdn: 'max-age=600',
        browser: 'public, max-age=60, stale-while-revalidate=600',
      });
  });

  it('files fronts, feeds and sitemaps under the lists, kept an hour in front', async () => {
    for (const url of ['/', '/politics/', '/feed/', '/sitemap.xml', '/corrections/'])
      expect(await surrogateOf(url), url).toMatchObject({
        key: 'site lists',
        tag: 'site,lists',
        control: 'max-age=3600',
      });
  });

  it('gives no keys to what no change purges: the ranking API, media and static files, the newsroom', async () => {
    for (const url of ['/api/ranking?window=24h', '/newsroom/sign-in']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['surrogate-key'], url).toBeUndefined();
    }
  });
});
