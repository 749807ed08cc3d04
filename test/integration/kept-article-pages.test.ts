import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdSlotsPlugin } from '../../src/bundled-plugins/ad-slots/ad-slots-plugin.js';
import { createConsentPlugin } from '../../src/bundled-plugins/consent/consent-plugin.js';
import { paragraph } from '../../src/domain/body.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { seedDemoContent } from '../../src/services/seed-demo.js';
import { visible } from '../../src/storage/repositories/article.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { demoSeedOptions } from '../support/demo-photos.js';
import { keptPagesApp, keptRow, loadTestTheme, wholeArticlePage, type KeptPagesApp } from '../support/kept-pages.js';

const NOW = new Date('2026-11-25T03:00:00Z');
const AD_SCRIPT = 'http://127.0.0.1:4999/ad.js';

/**
 * Article pages answered from kept pieces (record 0009, "Pages rendered once") are the pages a whole render makes,
 * byte for byte, in both codings: for every live article of the demo's two editions, with the bundled plugins (a
 * banner, ad boxes in the body and the rail) and a theme that draws the header, the byline and the footer itself.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`kept article pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: KeptPagesApp;
    let removeTheme = () => {};

    beforeAll(async () => {
      storage = await backend.open();
      await seedDemoContent(storage.db, NOW, demoSeedOptions);
      const { theme, remove } = await loadTestTheme();
      removeTheme = remove;
      const plugins = createPluginRegistry([
        createConsentPlugin(),
        createAdSlotsPlugin({ DATELINE_AD_SCRIPT_URL: AD_SCRIPT }),
      ]);
      t = await keptPagesApp(storage.db, NOW, { plugins, theme });
    });
    afterAll(async () => {
      await t?.close();
      removeTheme();
      await storage?.destroy();
    });

    const liveIds = async () =>
      (await storage.db.selectFrom('article').select('id').where(visible(NOW.getTime())).orderBy('id').execute()).map(
        (r) => r.id,
      );
    const bodyOf = async (id: number) =>
      (await storage.db.selectFrom('article').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body;
    const setBody = (id: number, body: string) =>
      storage.db.updateTable('article').set({ body }).where('id', '=', id).execute();

    it('answers every live article from its kept row exactly as a whole render, identity and gzip', async () => {
      const ids = await liveIds();
      const paths: string[] = [];
      for (const id of ids) {
        t.setNow(NOW);
        const whole = await wholeArticlePage(storage.db, t.worker, id, NOW);
        expect(whole, `article ${id}`).not.toBeNull();
        const { path, html } = whole!;
        paths.push(path);
        const expected = Buffer.from(html);
        // The first answer renders the page, keeps it, and fills its holes with what it loaded.
        const first = await t.get(path, { 'accept-encoding': 'gzip' });
        expect([first.statusCode, first.headers['x-cache']], path).toEqual([200, 'MISS']);
        expect(gunzipSync(first.rawPayload).toString(), path).toBe(html);
        await keptRow(storage.db, t.worker, id);

        // The body changed behind the services' back (no forget, no new content version): a page rendered again
        // would show it, one answered from the kept row does not.
        const body = await bodyOf(id);
        await setBody(id, JSON.stringify([paragraph('Written behind the kept page’s back.')]));
        try {
          t.setNow(NOW);
          const gzip = await t.get(path, { 'accept-encoding': 'gzip' });
          expect([gzip.statusCode, gzip.headers['x-cache']], path).toEqual([200, 'MISS']);
          expect(gzip.headers['content-encoding'], path).toBe('gzip');
          expect(gzip.headers.vary, path).toBe('Accept-Encoding');
          const inflated = gunzipSync(gzip.rawPayload);
          expect(inflated.toString(), path).toBe(html);
          expect(inflated.equals(expected), path).toBe(true);

          t.setNow(NOW);
          const identity = await t.get(path);
          expect([identity.statusCode, identity.headers['x-cache']], path).toEqual([200, 'MISS']);
          expect(identity.headers['content-encoding'], path).toBeUndefined();
          expect(identity.rawPayload.equals(expected), path).toBe(true);
        } finally {
          await setBody(id, body);
        }
      }
      // Both editions, and the plugins and the theme on their pages.
      expect(paths.filter((p) => p.startsWith('/ja/')).length).toBeGreaterThan(0);
      expect(paths.filter((p) => !p.startsWith('/ja/')).length).toBeGreaterThan(0);
      const sample = (await t.get(paths[0]!)).body;
      for (const mark of ['id="dl-consent"', 'class="kept-header"', 'class="kept-byline"', 'class="kept-footer"'])
        expect(sample).toContain(mark);
      expect(sample).toContain('data-ad-slot="rail-top"');
      expect(sample).toContain('data-ad-slot="article-inline"');
      expect(sample).toMatch(/<link rel="stylesheet" href="\/static\/theme-kept-kept\.[0-9a-f]+\.css"/);
      // Every page is kept, under the stamp the worker answers with.
      const rows = await storage.db.selectFrom('article_render').select(['article_id', 'site_stamp']).execute();
      expect(rows.map((r) => r.article_id).sort((a, b) => a - b)).toEqual(ids);
      expect(new Set(rows.map((r) => r.site_stamp))).toEqual(new Set([t.worker.articleStamp()]));
    });
  });
}
