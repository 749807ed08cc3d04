import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { createAccount } from '../../src/services/accounts.js';
import { writePublicationPage } from '../../src/services/save-publication-page.js';
import { linkAuthorToUser } from '../../src/storage/repositories/author.repository.js';
import {
  FIXTURE_NOW,
  loadNewsroomFixture,
  REFERENCE_PARAGRAPHS,
  type FixtureIds,
  LIVE_HEADLINES,
} from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { startContentApiServer, type ContentApiServer } from '../support/content-api-server.js';
import { ghostContentClient, type GhostContentClient, type GhostRecord } from '../support/ghost-content-client.js';

const BASE = 'http://127.0.0.1:3000';

const SITE_ORDER = LIVE_HEADLINES;

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const titles = (list: GhostRecord[]) => list.map((p) => p.title);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Ghost's Content API client against ${backend.name}`, () => {
    let storage: TestStorage;
    let server: ContentApiServer;
    let ids: FixtureIds;
    let api: GhostContentClient;

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const page = { photo: null, body: [paragraph('We report the news of the region.')] };
      const write = { now: FIXTURE_NOW, savedBy: null };
      await writePublicationPage(
        storage.db,
        null,
        { ...page, slug: 'about', title: 'About us', status: 'published' },
        write,
      );
      await writePublicationPage(storage.db, null, { ...page, slug: 'plans', title: 'Plans', status: 'draft' }, write);
      // Mei Aoki's byline belongs to a newsroom account: its email must never show.
      const account = await createAccount(storage.db, {
        email: 'mei.aoki@example.com',
        name: 'Mei Aoki',
        role: 'contributor',
        password: 'correct horse battery',
      });
      await linkAuthorToUser(storage.db, ids.authors.aoki, account.id);
      server = await startContentApiServer(storage, FIXTURE_NOW, 'Static site');
      api = ghostContentClient(server.origin, server.key);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('browses live posts newest first, 15 to a page, with html and Ghost’s pagination', async () => {
      const posts = await api.posts.browse();
      expect(titles(posts)).toEqual(SITE_ORDER);
      expect(posts.meta.pagination).toEqual({ page: 1, limit: 15, pages: 1, total: 12, next: null, prev: null });
      expect(typeof posts[0]!.html).toBe('string');
      expect(posts[0]).not.toHaveProperty('plaintext');
    });

    it('pages through with limit and page, caps limit=all at 100, and answers a page past the end with none', async () => {
      const second = await api.posts.browse({ limit: 5, page: 2 });
      expect(titles(second)).toEqual(SITE_ORDER.slice(5, 10));
      expect(second.meta.pagination).toEqual({ page: 2, limit: 5, pages: 3, total: 12, next: 3, prev: 1 });
      expect((await api.posts.browse({ limit: 'all' })).meta.pagination.limit).toBe(100);
      expect(await api.posts.browse({ limit: 5, page: 4 })).toHaveLength(0);
    });

    it('orders by title when asked', async () => {
      const posts = await api.posts.browse({ order: 'title asc', limit: 'all' });
      expect(titles(posts)).toEqual([...SITE_ORDER].sort());
    });

    it('reads a post by id and by slug, with Ghost’s fields', async () => {
      const post = await api.posts.read({ id: String(ids.reference) }, { formats: 'html,plaintext' });
      expect(post).toMatchObject({
        id: String(ids.reference),
        title: SITE_ORDER[0],
        featured: true,
        visibility: 'public',
        published_at: '2026-01-21T13:01:00+09:00',
        custom_excerpt: null,
        url: `${BASE}/politics/defense-security/20260121-${ids.reference}/`,
        feature_image_alt: 'A minister at a lectern',
        feature_image_caption: 'A defence minister speaks to reporters (Dateline photo)',
      });
      expect(post.uuid).toMatch(UUID_V5);
      expect(post.feature_image).toMatch(new RegExp(`^${BASE}/media/${ids.photoMediaId}-[0-9a-f]+/w\\d+\\.jpg$`));
      expect(post.html).toContain(REFERENCE_PARAGRAPHS[0]);
      expect(post.plaintext).toContain(REFERENCE_PARAGRAPHS[7]);
      const bySlug = await api.posts.read({ slug: post.slug as string });
      expect([bySlug.id, bySlug.uuid]).toEqual([post.id, post.uuid]);
      expect((await api.posts.read({ id: String(ids.pinned) })).featured).toBe(false);
    });

    it('puts the section first among the tags as primary_tag, and the bylines as authors without an email', async () => {
      const post = await api.posts.read({ id: String(ids.reference) }, { include: 'tags,authors' });
      expect((post.tags as GhostRecord[]).map((t) => t.slug)).toEqual(['defense-security', 'test']);
      expect(post.primary_tag).toMatchObject({
        slug: 'defense-security',
        name: 'Defense & Security',
        url: `${BASE}/politics/defense-security/`,
      });
      expect((post.authors as GhostRecord[]).map((a) => a.name)).toEqual(['Tom Baker', 'Mei Aoki']);
      expect(post.primary_author).toMatchObject({ slug: 'tom-baker', url: `${BASE}/author/tom-baker/` });
      const json = JSON.stringify(post);
      expect(json).not.toContain('mei.aoki@example.com');
      expect(json).not.toMatch(/"email"/);
    });

    it('keeps only the asked fields of the post itself, and still adds the included relations', async () => {
      const [post] = await api.posts.browse({ fields: 'title,url', include: 'tags', limit: 1 });
      expect(Object.keys(post!).sort()).toEqual(['primary_tag', 'tags', 'title', 'url']);
    });

    it('lists sections and tags by name, counting live posts only', async () => {
      const tags = await api.tags.browse({ include: 'count.posts', limit: 'all' });
      expect(tags.map((t) => [t.slug, (t.count as { posts: number }).posts])).toEqual([
        ['business', 3],
        ['defense-security', 4],
        ['politics', 5],
        ['sports', 0],
        ['test', 12],
      ]);
      expect(await api.tags.read({ slug: 'politics' })).toMatchObject({ name: 'Politics', url: `${BASE}/politics/` });
      expect(await api.tags.read({ id: 'test' })).toMatchObject({ name: 'test', url: `${BASE}/tag/test/` });
    });

    it('lists authors by name with their live posts, and reads one by id and by slug', async () => {
      const authors = await api.authors.browse({ include: 'count.posts' });
      expect(authors.map((a) => [a.slug, (a.count as { posts: number }).posts])).toEqual([
        ['mei-aoki', 12],
        ['tom-baker', 1],
      ]);
      expect(await api.authors.read({ id: String(ids.authors.baker) })).toMatchObject({ name: 'Tom Baker' });
      expect(await api.authors.read({ slug: 'mei-aoki' })).toMatchObject({ bio: 'Political correspondent.' });
    });

    it('lists the published pages of the publication, never a draft', async () => {
      const pages = await api.pages.browse();
      expect(titles(pages)).toEqual(['About us']);
      expect(pages[0]).toMatchObject({ url: `${BASE}/about/`, featured: false });
      expect(pages[0]!.html).toContain('We report the news of the region.');
      expect((await api.pages.read({ slug: 'about' })).id).toBe(pages[0]!.id);
      await expect(api.pages.read({ slug: 'plans' })).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('gives the settings as one object, with the top-level sections as navigation', async () => {
      const settings = await api.settings.browse();
      expect(settings).toMatchObject({ title: 'Dateline News', lang: 'en', timezone: 'Asia/Tokyo', url: `${BASE}/` });
      expect(settings.navigation).toEqual([
        { label: 'Politics', url: `${BASE}/politics/` },
        { label: 'Business', url: `${BASE}/business/` },
        { label: 'Sports', url: `${BASE}/sports/` },
      ]);
    });

    it('makes the client throw Ghost’s NotFoundError for a post that does not exist', async () => {
      await expect(api.posts.read({ id: '2147483000' })).rejects.toMatchObject({ name: 'NotFoundError' });
    });
  });
}
