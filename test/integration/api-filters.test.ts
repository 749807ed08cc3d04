import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import {
  ghostAdminClient,
  startAdminApiServer,
  type AdminApiServer,
  type GhostAdminClient,
  type GhostRecord,
} from '../support/ghost-admin-client.js';
import { ghostContentClient, type GhostContentClient } from '../support/ghost-content-client.js';

/**
 * `filter` beyond the Content API's posts (issue 16): pages, tags and authors in both APIs, Ghost's `status` in the
 * Admin API's posts and pages, each malformed one a 400 in Ghost's envelope; and the Admin API's public `/site/`.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(
    `filters of pages, tags, authors and statuses on ${backend.name}`,
    () => {
      let storage: TestStorage;
      let server: AdminApiServer;
      let admin: GhostAdminClient;
      let content: GhostContentClient;
      let contentKey: string;
      const slugs = (list: GhostRecord[]) => list.map((o) => o.slug as string).sort();

      beforeAll(async () => {
        storage = await backend.open();
        await loadNewsroomFixture(storage.db);
        server = await startAdminApiServer(storage.db);
        admin = ghostAdminClient(server.url, (await server.keys.createApiKey({ name: 'Tools', type: 'admin' })).key);
        contentKey = (await server.keys.createApiKey({ name: 'Site', type: 'content' })).key;
        content = ghostContentClient(server.url, contentKey);
        await admin.pages.add(
          { title: 'Contact the desk', html: '<p>Write.</p>', status: 'published' },
          { source: 'html' },
        );
        await admin.pages.add(
          { title: 'Advertise with us', html: '<p>Rates.</p>', status: 'published' },
          { source: 'html' },
        );
        await admin.pages.add({ title: 'Staff handbook', html: '<p>Draft.</p>' }, { source: 'html' });
        await admin.posts.add({ title: 'Draft on the ferry fares', html: '<p>Soon.</p>' }, { source: 'html' });
      });
      afterAll(async () => {
        await server?.close();
        await storage?.destroy();
      });

      it('filters the Content API’s pages by slug and id, and refuses fields pages do not have', async () => {
        expect(slugs(await content.pages.browse({ filter: 'slug:contact-the-desk' }))).toEqual(['contact-the-desk']);
        expect(slugs(await content.pages.browse({ filter: 'slug:-contact-the-desk' }))).toEqual(['advertise-with-us']);
        const [one] = await content.pages.browse({ filter: 'slug:advertise-with-us' });
        expect(slugs(await content.pages.browse({ filter: `id:[${String(one!.id)},999]` }))).toEqual([
          'advertise-with-us',
        ]);
        const counted = await content.pages.browse({ filter: 'visibility:public', limit: 1 });
        expect(counted.meta.pagination).toMatchObject({ total: 2, pages: 2 });
        const res = await fetch(`${server.url}/ghost/api/content/pages/?key=${contentKey}&filter=tag:news`);
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({
          errors: [{ type: 'ValidationError', message: 'Error parsing filter' }],
        });
      });

      it('filters tags and authors by slug, id, name and visibility', async () => {
        expect(slugs(await content.tags.browse({ filter: "name:'Business'" }))).toEqual(['business']);
        expect(slugs(await content.tags.browse({ filter: 'slug:[politics,sports]' }))).toEqual(['politics', 'sports']);
        expect(slugs(await content.tags.browse({ filter: 'visibility:internal' }))).toEqual([]);
        expect(slugs(await content.authors.browse({ filter: 'slug:-mei-aoki' }))).toEqual(['tom-baker']);
        expect(slugs(await content.authors.browse({ filter: "name:'Mei Aoki'" }))).toEqual(['mei-aoki']);
        expect(slugs(await admin.tags.browse({ filter: 'id:business' }))).toEqual(['business']);
        for (const [resource, filter] of [
          ['tags', 'published_at:>2026'],
          ['authors', 'visibility:public'],
          ['authors', 'name:('],
        ]) {
          const res = await fetch(
            `${server.url}/ghost/api/content/${resource}/?key=${contentKey}&filter=${encodeURIComponent(filter!)}`,
          );
          expect(res.status, filter).toBe(400);
          expect(((await res.json()) as { errors: { type: string }[] }).errors[0]!.type).toBe('ValidationError');
        }
      });

      it('filters the Admin API’s posts and pages by Ghost’s status, and the Content API refuses status', async () => {
        const drafts = await admin.posts.browse({ filter: 'status:draft', limit: 'all' });
        expect(drafts.map((p) => p.title)).toEqual(['Draft on the ferry fares']);
        const live = await admin.posts.browse({ filter: 'status:published', limit: 'all' });
        expect(live.length).toBeGreaterThan(0);
        expect(live.every((p) => p.status === 'published')).toBe(true);
        const either = await admin.posts.browse({ filter: 'status:[draft,scheduled]+tag:politics', limit: 'all' });
        expect(either.map((p) => p.title)).toEqual(['Draft on the ferry fares']);
        expect(slugs(await admin.pages.browse({ filter: 'status:draft' }))).toEqual(['staff-handbook']);
        expect(slugs(await admin.pages.browse({ filter: 'status:published+slug:-advertise-with-us' }))).toEqual([
          'contact-the-desk',
        ]);
        const refused = await fetch(`${server.url}/ghost/api/content/posts/?key=${contentKey}&filter=status:draft`);
        expect(refused.status).toBe(400);
      });

      it('answers the Admin API’s /site/ without a token, and nothing else there', async () => {
        const site = await fetch(`${server.url}/ghost/api/admin/site/`);
        expect(site.status).toBe(200);
        expect(((await site.json()) as { site: GhostRecord }).site).toMatchObject({ title: 'Dateline News' });
        expect((await fetch(`${server.url}/ghost/api/v5/admin/site/`)).status).toBe(200);
        expect((await fetch(`${server.url}/ghost/api/admin/posts/`)).status).toBe(401);
        expect((await fetch(`${server.url}/ghost/api/admin/site/`, { method: 'POST' })).status).toBe(401);
      });
    },
  );
}
