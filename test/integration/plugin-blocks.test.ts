import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DatelinePlugin } from '../../src/plugins/contract.js';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** A plugin with one block type: a fact box of a title, a figure and a kind. */
const factBoxes: DatelinePlugin = {
  name: 'fact-boxes',
  version: '1.0.0',
  blocks: [
    {
      type: 'fact-box',
      schema: z.object({
        title: z.string().min(1),
        figure: z.number().optional(),
        kind: z.enum(['turnout', 'budget']).default('turnout'),
        sources: z.array(z.string()).optional(),
      }),
      render: (data: { title: string; figure?: number; kind: string }) =>
        `<aside class="fact-box" data-kind="${data.kind}">${data.title}: ${data.figure ?? '?'}</aside>`,
      editor: { label: 'Fact box' },
    },
  ],
  slots: {
    'article-inline': (ctx) => (ctx.paragraph === 2 ? '<div class="inline-ad">Ad</div>' : null),
  },
};

const BOX = '::fact-box{"title":"Turnout","figure":61,"kind":"turnout"}';
const article = {
  headline: 'Harbour Vote Draws a Crowd',
  standfirst: 'More people voted than at any election since 1990.',
  body: `Polls closed at eight.\n\n${BOX}\n\nThe count ran past midnight.`,
  section: 'politics',
  authors: 'mei-aoki',
  tags: 'harbour',
  slug: '',
  seoDescription: '',
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`plugin body blocks on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let bare: TestApp;
    let eden: NewsroomClient;
    let plain: NewsroomClient;

    const storedBody = async (id: number): Promise<unknown> =>
      JSON.parse(
        (await storage.db.selectFrom('article').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body,
      );
    /** Posts the editor form of an article as it now stands (through `client`), with some fields changed. */
    const resave = async (client: NewsroomClient, id: number, changes: Record<string, string>) => {
      const page = await client.get(`/newsroom/articles/${id}`);
      const form = dom(page.body);
      const revision = form.querySelector('input[name="revision"]')!.getAttribute('value')!;
      const body = form.querySelector('textarea#body')!.text;
      return client.post(`/newsroom/articles/${id}`, { ...article, body, revision, action: 'save', ...changes });
    };

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW, { plugins: createPluginRegistry([factBoxes]) });
      bare = await buildTestApp(storage.db, FIXTURE_NOW);
      await ensurePerson(storage.db, PEOPLE.eden);
      eden = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      plain = new NewsroomClient(bare.app);
      await plain.signIn(PEOPLE.eden.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await bare?.close();
      await storage?.destroy();
    });

    it('gives the editor page the block types as JSON (label and fields, no code), as valid HTML', async () => {
      const page = await eden.get('/newsroom/articles/new');
      expect(page.statusCode).toBe(200);
      const forms: unknown = JSON.parse(dom(page.body).querySelector('textarea#body')!.getAttribute('data-blocks')!);
      expect(forms).toEqual([
        {
          type: 'fact-box',
          label: 'Fact box',
          fields: [
            { name: 'title', kind: 'text', required: true },
            { name: 'figure', kind: 'number', required: false },
            { name: 'kind', kind: 'select', options: ['turnout', 'budget'], required: false },
            { name: 'sources', kind: 'json', required: false },
          ],
        },
      ]);
      expect(await htmlProblems(page.body)).toEqual([]);
      const without = await plain.get('/newsroom/articles/new');
      expect(without.body).not.toContain('data-blocks');
    });

    it('stores a valid block as { type, ...data }, shows it again in the form, and draws it on the site', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'publish' });
      expect(await storedBody(id)).toEqual([
        { type: 'paragraph', content: [{ text: 'Polls closed at eight.' }] },
        { type: 'fact-box', title: 'Turnout', figure: 61, kind: 'turnout' },
        { type: 'paragraph', content: [{ text: 'The count ran past midnight.' }] },
      ]);
      const page = await eden.get(`/newsroom/articles/${id}`);
      expect(dom(page.body).querySelector('textarea#body')!.text).toBe(article.body);
      const path = dom(page.body).querySelector('a[href]:is([href^="/politics/"])')!.getAttribute('href')!;
      await t.site.refresh();
      const site = await t.app.inject({ url: path });
      expect(site.statusCode).toBe(200);
      expect(site.body).toContain(
        '<p>Polls closed at eight.</p><aside class="fact-box" data-kind="turnout">Turnout: 61</aside>' +
          '<p>The count ran past midnight.</p><div class="inline-ad">Ad</div>',
      );
    });

    it('draws plugin blocks in the full-text feed, without the slots pages have', async () => {
      await eden.createArticle({ ...article, headline: 'Harbour Vote Count Ends', action: 'publish' });
      await t.site.refresh();
      const feed = await t.app.inject({ url: '/feed/' });
      expect(feed.statusCode).toBe(200);
      const entry = feed.body.slice(feed.body.indexOf('Harbour Vote Count Ends'));
      const content = entry.slice(0, entry.indexOf('</item>'));
      expect(content).toContain(
        '<p>Polls closed at eight.</p><aside class="fact-box" data-kind="turnout">Turnout: 61</aside><p>The count',
      );
      expect(content).toContain('The count ran past midnight.');
      expect(content).not.toContain('inline-ad');
      // Without the plugin the feed leaves the block out, as the page does.
      await bare.site.refresh();
      const plainFeed = await bare.app.inject({ url: '/feed/' });
      expect(plainFeed.body).toContain('Harbour Vote Count Ends');
      expect(plainFeed.body).not.toContain('fact-box');
    });

    it("refuses data the plugin's schema does not take, an unknown block type and data that is not JSON, by name", async () => {
      const refusal = async (body: string) => {
        await eden.get('/newsroom/articles/new');
        const res = await eden.post('/newsroom/articles', { ...article, body, action: 'save' });
        expect(res.statusCode).toBe(400);
        return dom(res.body).querySelector('#body-error')!.text.trim();
      };
      expect(await refusal('Words.\n\n::fact-box{"figure":3}')).toMatch(
        /^The "Fact box" block is not complete: title: /,
      );
      expect(await refusal('Words.\n\n::fact-box{"title":"T","kind":"weather"}')).toMatch(
        /^The "Fact box" block is not complete: kind: /,
      );
      expect(await refusal('Words.\n\n::poll{"question":"Which?"}')).toBe(
        'The body has a "poll" block, which no loaded plugin defines: remove it, or ask for the plugin that adds it.',
      );
      expect(await refusal('Words.\n\n::fact-box{"title":"T",}')).toBe(
        'The "fact-box" block\'s data is not one JSON object: check its quotes, commas and braces.',
      );
    });

    it('keeps a block through editing once its plugin is gone, draws nothing for it, and takes no new one', async () => {
      const { id } = await eden.createArticle({ ...article, action: 'publish' });
      // The same article edited on a server without the plugin: the block stays, unchanged, around the edit.
      const edited = await resave(plain, id, { headline: 'Harbour Vote Draws a Record Crowd' });
      expect(edited.statusCode).toBe(303);
      expect(await storedBody(id)).toContainEqual({ type: 'fact-box', title: 'Turnout', figure: 61, kind: 'turnout' });
      const page = await plain.get(`/newsroom/articles/${id}`);
      const path = dom(page.body).querySelector('a[href]:is([href^="/politics/"])')!.getAttribute('href')!;
      await bare.site.refresh();
      const site = await bare.app.inject({ url: path });
      expect(site.body).toContain('<p>Polls closed at eight.</p><p>The count ran past midnight.</p>');
      expect(site.body).not.toContain('fact-box');
      // Changed there, it is refused: no plugin can check it.
      const changed = await resave(plain, id, { body: article.body.replace('61', '62') });
      expect(changed.statusCode).toBe(400);
      expect(dom(changed.body).querySelector('#body-error')!.text).toContain(
        '"fact-box" block, which no loaded plugin',
      );
    });
  });
}
