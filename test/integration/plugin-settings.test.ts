import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../../src/plugins/contract.js';
import { createPluginRegistry, type PluginRegistry } from '../../src/plugins/registry.js';
import {
  bumpContentVersion,
  readContentVersion,
  readSettingValue,
  writeSettingRow,
} from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** A plugin with settings of every kind the form knows, a slot that prints them, and the rest of what is listed. */
const boxesPlugin = () =>
  definePlugin({
    name: 'boxes',
    version: '2.1.0',
    slots: {
      'article-end': (ctx) =>
        `<p class="box">${String(ctx.settings.label)} every ${String(ctx.settings.every)} (${String(ctx.settings.size)})</p>`,
    },
    hooks: { 'article.published': () => {} },
    csp: { scriptSrc: ['https://boxes.example'] },
    settings: {
      schema: z.object({
        label: z.string().min(1, 'Write the label readers see.').describe('Label'),
        every: z.number({ error: 'Give a number.' }).int('Give a whole number.').min(1).max(20).describe('Paragraphs'),
        enabled: z.boolean().describe('Show boxes'),
        size: z.enum(['small', 'large']).describe('Size'),
        origins: z.array(z.url({ error: 'Each line must be an address.' })).describe('Allowed origins'),
      }),
      defaults: { label: 'Advertisement', every: 3, enabled: true, size: 'small', origins: [] },
    },
  });
/** A plugin without settings: listed, with no form. */
const quietPlugin = () =>
  definePlugin({
    name: 'quiet',
    version: '0.0.1',
    fields: [{ name: 'sponsor_note', label: 'Sponsor note', type: 'text' as const }],
  });

const slotContext = {
  page: 'article' as const,
  edition: { code: 'en', language: 'en', name: 'Dateline', pathPrefix: '/' },
  site: { publicationName: 'Dateline', baseUrl: 'https://news.example' },
  article: null,
  section: null,
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Newsroom → Settings → Plugins on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let registry: PluginRegistry;
    /** A second process over the same database, with its own registry, as another worker is. */
    let otherRegistry: PluginRegistry;
    let t: TestApp;
    let other: TestApp;
    const owner = () => {
      const c = new NewsroomClient(t.app);
      return c.signIn(PEOPLE.owner.email, PASSWORD).then(() => c);
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.owner);
      await ensurePerson(storage.db, PEOPLE.eden);
      registry = createPluginRegistry([boxesPlugin(), quietPlugin()]);
      otherRegistry = createPluginRegistry([boxesPlugin(), quietPlugin()]);
      t = await buildTestApp(storage.db, FIXTURE_NOW, { plugins: registry });
      other = await buildTestApp(storage.db, FIXTURE_NOW, { plugins: otherRegistry });
    });
    afterAll(async () => {
      await other?.close();
      await t?.close();
      await storage?.destroy();
    });

    it('lists every loaded plugin with its version, slots, fields, hooks and CSP sources, as valid HTML', async () => {
      const admin = await owner();
      const page = await admin.get('/newsroom/settings/plugins');
      expect(page.statusCode).toBe(200);
      const doc = dom(page.body);
      const boxes = doc.querySelector('section[aria-labelledby="plugin-boxes"]')!.textContent!;
      expect(boxes).toContain('version 2.1.0');
      expect(boxes).toContain('article-end');
      expect(boxes).toContain('article.published');
      expect(boxes).toContain('script-src https://boxes.example');
      const quiet = doc.querySelector('section[aria-labelledby="plugin-quiet"]')!.textContent!;
      expect(quiet).toContain('version 0.0.1');
      expect(quiet).toContain('Sponsor note (sponsor_note, text)');
      expect(quiet).toContain('No settings.');
      // The form shows the defaults, each in the input its type asks for.
      expect(doc.querySelector('#boxes-label')!.getAttribute('value')).toBe('Advertisement');
      expect(doc.querySelector('#boxes-every')!.getAttribute('type')).toBe('number');
      expect(doc.querySelector('#boxes-enabled')!.getAttribute('type')).toBe('checkbox');
      expect(doc.querySelector('#boxes-enabled')!.hasAttribute('checked')).toBe(true);
      expect([...doc.querySelectorAll('#boxes-size option')].map((o) => o.textContent)).toEqual(['small', 'large']);
      expect(doc.querySelector('textarea#boxes-origins')).not.toBeNull();
      expect(doc.querySelector('form[action="/newsroom/settings/plugins/boxes"] input[name="_csrf"]')).not.toBeNull();
      expect(doc.querySelector('a[href="/newsroom/settings/plugins"]')).not.toBeNull();
      expect(await htmlProblems(page.body)).toEqual([]);
    });

    it('is for admins only: an editor gets 403 and saves nothing', async () => {
      const eden = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      expect((await eden.get('/newsroom/settings/plugins')).statusCode).toBe(403);
      const post = await eden.post('/newsroom/settings/plugins/boxes', { label: 'Mine', every: '2', size: 'small' });
      expect(post.statusCode).toBe(403);
      expect(await readSettingValue(storage.db, 'plugin.boxes')).toBeUndefined();
    });

    it('refuses a form without its token', async () => {
      const admin = await owner();
      await admin.get('/newsroom/settings/plugins');
      const res = await admin.post('/newsroom/settings/plugins/boxes', { label: 'x', every: '2' }, { csrf: null });
      expect(res.statusCode).toBe(403);
      expect(await readSettingValue(storage.db, 'plugin.boxes')).toBeUndefined();
    });

    it('shows invalid values again with a message beside each field, and stores nothing', async () => {
      const admin = await owner();
      await admin.get('/newsroom/settings/plugins');
      const res = await admin.post('/newsroom/settings/plugins/boxes', {
        label: '',
        every: 'often',
        size: 'huge',
        origins: 'https://fine.example\nnot an address',
      });
      expect(res.statusCode).toBe(400);
      const doc = dom(res.body);
      expect(doc.querySelector('#boxes-label-error')!.textContent).toBe('Write the label readers see.');
      expect(doc.querySelector('#boxes-every-error')!.textContent).toBe('Give a number.');
      expect(doc.querySelector('#boxes-size-error')).not.toBeNull();
      expect(doc.querySelector('#boxes-origins-error')!.textContent).toBe('Each line must be an address.');
      // What was typed is kept.
      expect(doc.querySelector('#boxes-every')!.getAttribute('value')).toBe('often');
      expect(doc.querySelector('textarea#boxes-origins')!.textContent).toBe('https://fine.example\nnot an address');
      expect(await htmlProblems(res.body)).toEqual([]);
      expect(await readSettingValue(storage.db, 'plugin.boxes')).toBeUndefined();
      expect(registry.settingsOf('boxes').label).toBe('Advertisement');
    });

    it('saves valid values as typed values, moves the content version, and every process uses them', async () => {
      const admin = await owner();
      await admin.get('/newsroom/settings/plugins');
      const before = await readContentVersion(storage.db);
      const res = await admin.post('/newsroom/settings/plugins/boxes', {
        label: 'Sponsored',
        every: '4',
        size: 'large',
        origins: 'https://a.example\n\n  https://b.example  ',
        // No `enabled`: an unticked box.
      });
      expect([res.statusCode, res.headers.location]).toEqual([303, '/newsroom/settings/plugins?saved=boxes']);
      const saved = {
        label: 'Sponsored',
        every: 4,
        enabled: false,
        size: 'large',
        origins: ['https://a.example', 'https://b.example'],
      };
      expect(JSON.parse((await readSettingValue(storage.db, 'plugin.boxes'))!)).toEqual(saved);
      expect(await readContentVersion(storage.db)).toBe(before + 1);
      // This process at once; the other once it notices the content version moved.
      expect(registry.settingsOf('boxes')).toEqual(saved);
      expect(otherRegistry.settingsOf('boxes').label).toBe('Advertisement');
      expect(await other.site.refresh()).toBe(true);
      expect(otherRegistry.settingsOf('boxes')).toEqual(saved);
      // What a slot is given.
      expect(otherRegistry.render('article-end', slotContext)).toBe('<p class="box">Sponsored every 4 (large)</p>');
      // And on the page readers get, rendered again since the save.
      const reader = await other.app.inject({ url: `/politics/defense-security/20260121-${ids.reference}/` });
      expect(reader.statusCode).toBe(200);
      expect(reader.body).toContain('<p class="box">Sponsored every 4 (large)</p>');
      const page = await admin.get('/newsroom/settings/plugins?saved=boxes');
      const doc = dom(page.body);
      expect(doc.querySelector('[role="status"]')!.textContent).toBe('Saved the settings of boxes.');
      expect(doc.querySelector('#boxes-every')!.getAttribute('value')).toBe('4');
      expect(doc.querySelector('#boxes-enabled')!.hasAttribute('checked')).toBe(false);
    });

    it('gives a plugin its defaults when its stored settings no longer fit its schema', async () => {
      await storage.db.transaction().execute(async (trx) => {
        await writeSettingRow(trx, 'plugin.boxes', { label: 'Kept', every: 'many' });
        await bumpContentVersion(trx);
      });
      expect(await other.site.refresh()).toBe(true);
      expect(otherRegistry.settingsOf('boxes')).toEqual({
        label: 'Advertisement',
        every: 3,
        enabled: true,
        size: 'small',
        origins: [],
      });
    });

    it('answers 404 for a plugin that is not loaded or has no settings', async () => {
      const admin = await owner();
      await admin.get('/newsroom/settings/plugins');
      expect((await admin.post('/newsroom/settings/plugins/nobody', { label: 'x' })).statusCode).toBe(404);
      expect((await admin.post('/newsroom/settings/plugins/quiet', { label: 'x' })).statusCode).toBe(404);
    });
  });
}
