import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadPlugins } from '../../src/plugins/load-plugins.js';
import type { PluginRegistry } from '../../src/plugins/registry.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

const article = {
  headline: 'New Quay Lights Switched On',
  standfirst: 'The harbour is lit from end to end.',
  body: 'The lights came on at dusk.\n\nThey use a tenth of the old power.',
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'harbour',
  slug: '',
  seoDescription: '',
};

/** The plugins the operator lists, loaded as `dateline serve` loads them: DATELINE_PLUGINS, read by loadConfig. */
const pluginsOf = async (list: string): Promise<PluginRegistry> =>
  loadPlugins(loadConfig({ DATELINE_PLUGINS: list, DATELINE_DEMO: '0' }).plugins, { cwd: REPO });

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the example sponsor plugin on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let eden: NewsroomClient;

    /** Publishes the article from the editor with a sponsor typed in; answers its address on the site. */
    const publish = async (sponsor: string | null): Promise<{ id: number; path: string }> => {
      const { id } = await eden.createArticle({
        ...article,
        action: 'publish',
        ...(sponsor === null ? {} : { 'custom-sponsor': sponsor }),
      });
      await t.site.refresh();
      const editor = await eden.get(`/newsroom/articles/${id}`);
      const path = dom(editor.body)
        .querySelectorAll('a')
        .find((a) => a.text === 'View on the site')
        ?.getAttribute('href');
      if (!path) throw new Error('the editor gives no address on the site');
      return { id, path };
    };

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW, {
        plugins: await pluginsOf('./examples/plugin-sponsor/index.mjs'),
      });
      await ensurePerson(storage.db, PEOPLE.eden);
      eden = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('loads from its path through DATELINE_PLUGINS, with its field and its slot', async () => {
      const plugins = await pluginsOf('./examples/plugin-sponsor/index.mjs');
      expect(plugins.plugins.map((p) => `${p.name}@${p.version}`)).toEqual(['sponsor@1.0.0']);
      expect(plugins.fields.map((f) => [f.name, f.type, f.plugin])).toEqual([['sponsor', 'text', 'sponsor']]);
      expect(plugins.has('article-start')).toBe(true);
    });

    it('offers the Sponsor field in the editor', async () => {
      const page = dom((await eden.get('/newsroom/articles/new')).body);
      expect(page.querySelector('label[for="custom-sponsor"]')!.text).toBe('Sponsor');
      expect(page.querySelector('#custom-sponsor-hint')!.text).toContain('paid for this article');
    });

    it('prints "Sponsored by" and the name, escaped, at the start of the article page', async () => {
      const { path } = await publish('Bayside <Shipping> & "Sons"');
      const res = await t.app.inject({ method: 'GET', url: path });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(
        '<p class="sponsor-line">Sponsored by Bayside &lt;Shipping&gt; &amp; &quot;Sons&quot;</p>',
      );
      const line = dom(res.body).querySelector('article .sponsor-line')!;
      expect(line.text).toBe('Sponsored by Bayside <Shipping> & "Sons"');
      expect(await htmlProblems(res.body)).toEqual([]);
    });

    it('prints nothing for an article without a sponsor, and follows a change of the field', async () => {
      const { id, path } = await publish(null);
      const before = await t.app.inject({ method: 'GET', url: path });
      expect(before.statusCode).toBe(200);
      expect(before.body).not.toContain('Sponsored by');

      const editor = await eden.get(`/newsroom/articles/${id}`);
      const revision = dom(editor.body).querySelector('input[name="revision"]')!.getAttribute('value')!;
      const saved = await eden.post(`/newsroom/articles/${id}`, {
        ...article,
        revision,
        action: 'save',
        'custom-sponsor': 'Harbour Fund',
      });
      expect(saved.statusCode).toBe(303);
      await t.site.refresh();
      const after = await t.app.inject({ method: 'GET', url: path });
      expect(dom(after.body).querySelector('.sponsor-line')!.text).toBe('Sponsored by Harbour Fund');
    });
  });
}
