import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginRegistry } from '../../src/plugins/registry.js';
import { saveEdition } from '../../src/services/edition-admin.js';
import { findArticleRow } from '../../src/storage/repositories/article.repository.js';
import { insertTranslationLink } from '../../src/storage/repositories/edition.repository.js';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import {
  ghostAdminClient,
  startAdminApiServer,
  type AdminApiServer,
  type GhostAdminClient,
} from '../support/ghost-admin-client.js';

/**
 * Ghost's Admin API client writing into an edition by `lang`, and publishing only with the plugins' required custom
 * fields filled, by the rule the newsroom's save applies (issue 16; record 0021).
 */

/** A plugin whose sponsor must be named before an article goes live. */
const sponsorship = {
  name: 'sponsorship',
  version: '1.0.0',
  fields: [
    { name: 'sponsor', label: 'Sponsor', type: 'text', required: true },
    { name: 'region', label: 'Region', type: 'select', options: ['North', 'South'] },
    { name: 'exclusive', label: 'Exclusive', type: 'boolean' },
  ],
};

/** What Ghost's client throws for an error answer: Error named by Ghost's type, with its context. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error & { context?: string },
  );

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Admin API editions and custom fields on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: AdminApiServer;
    let api: GhostAdminClient;
    let jaId: number;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      jaId = await saveEdition(storage.db, null, {
        language: 'ja',
        prefix: '/ja/',
        publicationName: 'デイトライン',
        shortName: 'DL',
        tagline: '',
      });
      server = await startAdminApiServer(storage.db, { plugins: createPluginRegistry([sponsorship]) });
      await server.worker.site.refresh();
      api = ghostAdminClient(server.url, (await server.keys.createApiKey({ name: 'Wire feed', type: 'admin' })).key);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('writes a new post into the edition its lang names, the first edition without one', async () => {
      const ja = await api.posts.add(
        {
          title: '港の灯り',
          html: '<p>岸壁に明かりがともった。</p>',
          lang: 'ja-JP',
          status: 'published',
          custom_fields: { sponsor: 'Bayside' },
        },
        { source: 'html' },
      );
      expect(ja.lang).toBe('ja');
      expect((await findArticleRow(storage.db, Number(ja.id)))?.edition_id).toBe(jaId);
      expect(new URL(ja.url as string).pathname).toMatch(/^\/ja\//);
      expect(ja.translations).toEqual([]);
      expect((await fetch(`${server.url}${new URL(ja.url as string).pathname}`)).status).toBe(200);

      const plain = await api.posts.add({ title: 'Harbour lights' });
      expect(plain.lang).toBe('en');
      expect((await findArticleRow(storage.db, Number(plain.id)))?.edition_id).not.toBe(jaId);

      // Linked as translations (in the newsroom), each live one lists the other, as the Content API does.
      await insertTranslationLink(storage.db, { sourceId: Number(plain.id), translationId: Number(ja.id), at: 0 });
      const live = await api.posts.edit(
        {
          id: plain.id,
          updated_at: plain.updated_at,
          html: '<p>The quay is lit.</p>',
          status: 'published',
          custom_fields: { sponsor: 'Bayside' },
        },
        { source: 'html' },
      );
      expect(live.translations).toEqual([{ id: ja.id, lang: 'ja', url: ja.url }]);
      expect((await api.posts.read({ id: ja.id as string })).translations).toEqual([
        { id: live.id, lang: 'en', url: live.url },
      ]);
    });

    it('refuses a language the site has no edition in, naming it, and a move of a post to another edition', async () => {
      const unknown = await refusal(api.posts.add({ title: 'Phares du port', lang: 'fr' }));
      expect(unknown.name).toBe('ValidationError');
      expect(unknown.context).toBe('The site has no edition in fr (its editions: en at /, ja at /ja/).');

      const post = await api.posts.add({ title: 'Quay lights', lang: 'en' });
      const moved = await refusal(api.posts.edit({ id: post.id, updated_at: post.updated_at, lang: 'ja' }));
      expect(moved.name).toBe('ValidationError');
      expect(moved.context).toMatch(/stays there/);
      // The object read comes back with its own lang: an edit like any other.
      const { id, ...read } = post;
      expect((await api.posts.edit({ ...read, id, title: 'Quay lights on' })).title).toBe('Quay lights on');
    });

    it('saves a draft without the required field, refuses to publish or schedule it until it is filled', async () => {
      const draft = await api.posts.add({ title: 'Sponsored quay', html: '<p>Paid for.</p>' }, { source: 'html' });
      // An unticked box is false, as the newsroom stores it.
      expect(draft.custom_fields).toEqual({ exclusive: false });
      const soon = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
      for (const change of [{ status: 'published' }, { status: 'scheduled', published_at: soon }]) {
        const error = await refusal(api.posts.edit({ id: draft.id, updated_at: draft.updated_at, ...change }));
        expect(error.name).toBe('ValidationError');
        expect(error.context).toBe(
          'Fill in “Sponsor” before the article goes to review or is published. (custom_fields.sponsor)',
        );
      }
      expect((await findArticleRow(storage.db, Number(draft.id)))?.status).toBe('draft');

      const live = await api.posts.edit({
        id: draft.id,
        updated_at: draft.updated_at,
        status: 'published',
        custom_fields: { sponsor: '  Bayside   Shipping ', exclusive: true },
      });
      expect(live).toMatchObject({
        status: 'published',
        custom_fields: { sponsor: 'Bayside Shipping', exclusive: true },
      });
      // An edit that sends none keeps them; one that empties the required field of a live post is refused.
      const retitled = await api.posts.edit({ id: live.id, updated_at: live.updated_at, title: 'Sponsored quay lit' });
      expect(retitled.custom_fields).toEqual({ sponsor: 'Bayside Shipping', exclusive: true });
      const emptied = await refusal(
        api.posts.edit({ id: live.id, updated_at: retitled.updated_at, custom_fields: { sponsor: null } }),
      );
      expect(emptied.context).toMatch(/Fill in “Sponsor”/);
    });

    it('refuses a custom field of the wrong type, out of its list, or that no plugin defines, writing nothing', async () => {
      const post = await api.posts.add({ title: 'Field checks', custom_fields: { region: 'North' } });
      expect(post.custom_fields).toEqual({ region: 'North', exclusive: false });
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ exclusive: 'yes' }, /custom_fields\.exclusive takes true or false/],
        [{ sponsor: true }, /custom_fields\.sponsor takes a text/],
        [{ region: 'East' }, /Choose “Region” from the list \(North, South\)/],
        [{ colour: 'blue' }, /No plugin defines the custom field "colour"/],
      ];
      for (const [custom_fields, reason] of cases) {
        const error = await refusal(api.posts.edit({ id: post.id, updated_at: post.updated_at, custom_fields }));
        expect(error.name).toBe('ValidationError');
        expect(error.context).toMatch(reason);
      }
      const stored = await findArticleRow(storage.db, Number(post.id));
      expect(stored?.revision).toBe(1);
    });
  });
}
