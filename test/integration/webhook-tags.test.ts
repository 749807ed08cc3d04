import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { writeArticleRevision } from '../../src/services/save-article.js';
import { addWebhook } from '../../src/services/webhooks.js';
import { loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import {
  ghostAdminClient,
  startAdminApiServer,
  type AdminApiServer,
  type GhostAdminClient,
  type GhostRecord,
} from '../support/ghost-admin-client.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * Ghost's `tag.added` (issue 16; record 0022): queued once for each tag new to the site, wherever it comes from (the
 * Admin API, the newsroom's editor, a new section), with the Content API's tag object, in the save's transaction.
 * The queue is read directly: sending is webhooks.test.ts's part.
 */

type TagBody = { tag: { current: GhostRecord; previous: GhostRecord } };

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`tag.added on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: AdminApiServer;
    let api: GhostAdminClient;
    let ids: FixtureIds;
    let contentKey: string;

    /** The tag.added bodies queued so far, oldest first. */
    const announced = async (): Promise<TagBody[]> =>
      (
        await storage.db
          .selectFrom('webhook_delivery')
          .select('body')
          .where('event', '=', 'tag.added')
          .orderBy('id')
          .execute()
      ).map((r) => JSON.parse(r.body) as TagBody);
    const slugsAnnounced = async () => (await announced()).map((b) => b.tag.current.slug);

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.owner);
      await ensurePerson(storage.db, PEOPLE.eden);
      server = await startAdminApiServer(storage.db);
      const admin = await server.keys.createApiKey({ name: 'Tag mirror', type: 'admin' });
      contentKey = (await server.keys.createApiKey({ name: 'Front end', type: 'content' })).key;
      api = ghostAdminClient(server.url, admin.key);
      await addWebhook(
        { db: storage.db, clock: () => new Date() },
        { api_key_id: admin.id, event: 'tag.added', target_url: 'https://hooks.example.com/tags' },
      );
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('announces each tag an Admin API post brings, once, as the Content API shows that tag, previous empty', async () => {
      const post = await api.posts.add(
        {
          title: 'Harbour lights switched on',
          html: '<p>The quay is lit.</p>',
          status: 'published',
          // A section's name, a tag already carried (the fixture's), and one new tag spelled twice.
          tags: ['Politics', 'test', 'Harbour Lights', 'harbour-lights'],
        },
        { source: 'html' },
      );
      expect(await slugsAnnounced()).toEqual(['harbour-lights']);
      const [body] = await announced();
      expect(body!.tag.previous).toEqual({});
      const res = await fetch(`${server.url}/ghost/api/content/tags/slug/harbour-lights/?key=${contentKey}`);
      expect(res.status).toBe(200);
      expect(body!.tag.current).toEqual(((await res.json()) as { tags: GhostRecord[] }).tags[0]);

      // Another post with the tag, and an edit of the first: nothing more.
      await api.posts.add({ title: 'Harbour lights, night two', tags: ['harbour lights'] });
      await api.posts.edit({ id: post.id, updated_at: post.updated_at, tags: ['Harbour Lights', 'test'] });
      expect(await slugsAnnounced()).toEqual(['harbour-lights']);
    });

    it('announces a tag typed in the newsroom’s editor, and a section added in the newsroom at its front', async () => {
      const eden = new NewsroomClient(server.worker.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      await eden.createArticle({
        headline: 'Tidal turbines tested in the bay',
        standfirst: '',
        body: 'Two turbines turned for a week.',
        section: 'business',
        authors: 'mei-aoki',
        tags: 'Tidal Power, harbour lights',
        slug: '',
        seoDescription: '',
        action: 'save',
      });
      expect((await slugsAnnounced()).slice(1)).toEqual(['tidal-power']);
      expect((await announced())[1]!.tag.current).toMatchObject({ name: 'tidal power', url: expect.any(String) });

      const owner = new NewsroomClient(server.worker.app);
      await owner.signIn(PEOPLE.owner.email, PASSWORD);
      await owner.get('/newsroom/sections');
      const added = await owner.post('/newsroom/sections', {
        name: 'Science',
        slug: 'science',
        parent: '',
        position: '',
      });
      expect(added.statusCode).toBe(303);
      const res = await fetch(`${server.url}/ghost/api/content/tags/slug/science/?key=${contentKey}`);
      const asContentApi = ((await res.json()) as { tags: GhostRecord[] }).tags[0];
      // Renaming it is no new tag.
      await owner.post('/newsroom/sections', { name: 'Science & Tech', slug: 'science', parent: '', position: '' });
      const bodies = await announced();
      expect(bodies.map((b) => b.tag.current.slug).slice(2)).toEqual(['science']);
      expect(bodies[2]!.tag.current).toEqual(asContentApi);
    });

    it('queues nothing when the save that would make the tag is rolled back', async () => {
      const before = (await announced()).length;
      const site = server.worker.site.current().context;
      const input = {
        slug: 'rolled-back',
        headline: 'Rolled back',
        standfirst: null,
        body: [paragraph('Never kept.')],
        sectionId: ids.sections.politics,
        authorIds: [],
        tags: ['never kept'],
        photo: null,
        status: 'draft' as const,
        publishedAt: null,
        updatedAt: null,
      };
      await expect(
        storage.db.transaction().execute(async (trx) => {
          await writeArticleRevision(trx, null, input, new Date(), { site });
          throw new Error('the caller fails after the write');
        }),
      ).rejects.toThrow('the caller fails');
      expect((await announced()).length).toBe(before);
    });

    it('announces a tag once when two posts bring it at the same moment', async () => {
      const before = (await announced()).length;
      await Promise.all(
        ['Ferry strike day one', 'Ferry strike day two', 'Ferry strike day three'].map((title) =>
          api.posts.add({ title, tags: ['Ferry Strike'] }),
        ),
      );
      expect((await slugsAnnounced()).slice(before)).toEqual(['ferry-strike']);
    });
  });
}
