import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { addWebhook } from '../../src/services/webhooks.js';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostAdminClient, type GhostAdminClient, type GhostRecord } from '../support/ghost-admin-client.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * What webhook bodies carry (issue 16), read by a real receiver on 127.0.0.1: `html` as the Content API draws it,
 * `previous` with the fields an edit changed (from the revision before it), `post.deleted` when the Admin API
 * deletes a post, and `page.unpublished` when it removes a live page.
 */

type Body = Record<string, { current: GhostRecord; previous: GhostRecord }>;

const EVENTS = [
  'post.published',
  'post.published.edited',
  'post.unpublished',
  'post.deleted',
  'page.published',
  'page.published.edited',
  'page.unpublished',
] as const;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`webhook bodies on ${backend.name}`, () => {
    let storage: TestStorage;
    let worker: Worker;
    let url: string;
    let receiver: Server;
    let dataDir: string;
    let contentKey: string;
    let api: GhostAdminClient;
    /** What the receiver took, by the event its address names. */
    const received: { event: string; body: Body }[] = [];

    /** Sends what is queued and answers the bodies of one event, oldest first. */
    const sent = async (event: (typeof EVENTS)[number]) => {
      await worker.webhooks.runOnce();
      return received.filter((r) => r.event === event).map((r) => r.body);
    };
    const contentHtml = async (kind: 'posts' | 'pages', id: unknown) => {
      const res = await fetch(`${url}/ghost/api/content/${kind}/${String(id)}/?key=${contentKey}&formats=html`);
      expect(res.status).toBe(200);
      return ((await res.json()) as Record<string, GhostRecord[]>)[kind]![0]!.html;
    };

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.eden);
      dataDir = mkdtempSync(join(tmpdir(), 'dateline-webhook-bodies-'));
      const config = loadConfig({
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'silent',
        DATELINE_WEBHOOKS_ALLOW_PRIVATE: '1',
      });
      worker = await composeWorker(config, { db: storage.db, clock: () => new Date(), logger: null, timers: false });
      await worker.start();
      await worker.app.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(worker.app.server.address() as AddressInfo).port}`;
      const keys = createApiKeyService({
        db: storage.db,
        clock: () => new Date(),
        secretKey: secretKeyOnce(storage.db, dataDir),
      });
      const admin = await keys.createApiKey({ name: 'Static site', type: 'admin' });
      contentKey = (await keys.createApiKey({ name: 'Front end', type: 'content' })).key;
      api = ghostAdminClient(url, admin.key);
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const event = decodeURIComponent(req.url!.slice(1));
          received.push({ event, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body });
          res.end();
        });
      });
      await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
      const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      for (const event of EVENTS) {
        await addWebhook(
          { db: storage.db, clock: () => new Date() },
          { api_key_id: admin.id, event, target_url: `${target}/${event}`, name: event, secret: 'receiver-secret' },
        );
      }
    });
    beforeEach(() => {
      received.length = 0;
    });
    afterAll(async () => {
      await new Promise<void>((done) => (receiver ? receiver.close(() => done()) : done()));
      await worker?.close();
      await storage?.destroy();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('draws html in a newsroom publish exactly as the Content API draws the post', async () => {
      const eden = new NewsroomClient(worker.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      const { id } = await eden.createArticle({
        headline: 'Tram Line Reopens After Repairs',
        standfirst: 'Trams run again from Friday.',
        body: 'The line was closed for **six** weeks.\n\nNight trams return later.',
        section: 'politics',
        authors: 'mei-aoki',
        tags: 'transport',
        slug: '',
        seoDescription: '',
        action: 'publish',
      });
      const [body] = await sent('post.published');
      expect(body!.post!.current.html).toContain('<strong>six</strong>');
      expect(body!.post!.current.html).toBe(await contentHtml('posts', id));
    });

    it('draws html for a post the schedule publishes, and says it was scheduled before', async () => {
      // Whole seconds, as Ghost's dates are written; far enough ahead to be in the future when it arrives.
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
      const post = await api.posts.add(
        { title: 'Harbour fireworks tonight', html: '<p>From <em>nine</em>.</p>' },
        { source: 'html' },
      );
      await api.posts.edit({
        id: post.id,
        updated_at: post.updated_at,
        status: 'scheduled',
        published_at: at.toISOString(),
      });
      await new Promise((r) => setTimeout(r, at.getTime() - Date.now() + 50));
      expect(await worker.publishDue()).toEqual([Number(post.id)]);
      const [body] = await sent('post.published');
      expect(body!.post!.current).toMatchObject({ id: post.id, status: 'published' });
      expect(body!.post!.current.html).toContain('<em>nine</em>');
      expect(body!.post!.current.html).toBe(await contentHtml('posts', post.id));
      expect(body!.post!.previous).toMatchObject({ status: 'scheduled' });
    });

    it('sends an edit of a live post with the changed fields as they were before, from the revision before it', async () => {
      const post = await api.posts.add(
        {
          title: 'Library hours extended',
          html: '<p>Open until nine.</p>',
          custom_excerpt: 'Later evenings.',
          tags: ['Politics', 'libraries'],
          status: 'published',
        },
        { source: 'html' },
      );
      const [published] = await sent('post.published');
      const before = published!.post!.current;
      received.length = 0;
      const edited = await api.posts.edit(
        {
          id: post.id,
          updated_at: post.updated_at,
          title: 'Library hours extended again',
          html: '<p>Open until ten.</p>',
          custom_excerpt: 'Even later evenings.',
          tags: ['Politics', 'libraries', 'evenings'],
        },
        { source: 'html' },
      );
      const [body] = await sent('post.published.edited');
      const { current, previous } = body!.post!;
      expect(current).toMatchObject({ id: post.id, title: 'Library hours extended again', status: 'published' });
      expect(current.html).toBe(await contentHtml('posts', post.id));
      expect(current.html).toBe(edited.html);
      expect(previous).toEqual({
        title: 'Library hours extended',
        custom_excerpt: 'Later evenings.',
        html: before.html,
        plaintext: before.plaintext,
        tags: before.tags,
      });
      expect(previous.html).toContain('Open until nine.');
      expect((previous.tags as GhostRecord[]).map((t) => t.slug)).toEqual(['politics', 'libraries']);
    });

    it('sends post.unpublished and post.deleted, with the post as it was, when the Admin API deletes a live post', async () => {
      const post = await api.posts.add(
        { title: 'Bridge closes for painting', html: '<p>Two weeks.</p>', status: 'published' },
        { source: 'html' },
      );
      await sent('post.published');
      received.length = 0;
      await api.posts.delete({ id: post.id as string });
      const [deleted] = await sent('post.deleted');
      expect(deleted!.post!.current).toEqual({});
      expect(deleted!.post!.previous).toMatchObject({
        id: post.id,
        title: 'Bridge closes for painting',
        status: 'published',
      });
      expect(deleted!.post!.previous.html).toContain('Two weeks.');
      const [unpublished] = received.filter((r) => r.event === 'post.unpublished').map((r) => r.body);
      expect(unpublished!.post!.current).toMatchObject({ id: post.id, status: 'draft' });
      expect(unpublished!.post!.previous).toEqual({ status: 'published' });
    });

    it('sends a page edit with what changed, and page.unpublished when the Admin API removes a live page', async () => {
      const page = await api.pages.add(
        { title: 'Corrections policy', html: '<p>We correct errors promptly.</p>', status: 'published' },
        { source: 'html' },
      );
      const [published] = await sent('page.published');
      expect(published!.page!.current.html).toBe(await contentHtml('pages', page.id));
      const edited = await api.pages.edit({ id: page.id, updated_at: page.updated_at, title: 'How we correct errors' });
      const [edit] = await sent('page.published.edited');
      expect(edit!.page!.previous).toEqual({ title: 'Corrections policy' });
      received.length = 0;
      await api.pages.delete({ id: edited.id as string });
      const [gone] = await sent('page.unpublished');
      expect(gone!.page!.current).toMatchObject({
        id: page.id,
        slug: page.slug,
        title: 'How we correct errors',
        status: 'draft',
      });
      expect(gone!.page!.previous).toEqual({ status: 'published' });
    });
  });
}
