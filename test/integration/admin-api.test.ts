import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, startSession } from '../../src/services/accounts.js';
import { recentActivity } from '../../src/services/activity.js';
import { linkAuthorToUser } from '../../src/storage/repositories/author.repository.js';
import { findArticleRow } from '../../src/storage/repositories/article.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, LIVE_HEADLINES, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostAdminToken } from '../support/ghost-admin-token.js';
import {
  ghostAdminClient,
  startAdminApiServer,
  type AdminApiServer,
  type GhostAdminClient,
  type GhostRecord,
} from '../support/ghost-admin-client.js';

/** What Ghost's client throws for an error answer: Error named by Ghost's type, with its fields. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error & { type?: string; context?: string },
  );

/** A token signed as Ghost's client signs one, but at a time of our choosing (to make an expired one). */
const tokenAt = (key: string, iat: number): string => {
  const [id, secret] = key.split(':') as [string, string];
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${part({ alg: 'HS256', typ: 'JWT', kid: id })}.${part({ iat, exp: iat + 300, aud: '/admin/' })}`;
  return `${input}.${createHmac('sha256', Buffer.from(secret, 'hex')).update(input).digest('base64url')}`;
};

const tagSlugs = (post: GhostRecord) => (post.tags as GhostRecord[]).map((t) => t.slug);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Ghost's Admin API client against ${backend.name}`, () => {
    let storage: TestStorage;
    let server: AdminApiServer;
    let ids: FixtureIds;
    let key: string;
    let api: GhostAdminClient;
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/ghost/api/admin${path}`, { headers });

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      const account = await createAccount(storage.db, {
        email: 'mei.aoki@example.com',
        name: 'Mei Aoki',
        role: 'contributor',
        password: 'correct horse battery',
      });
      await linkAuthorToUser(storage.db, ids.authors.aoki, account.id);
      server = await startAdminApiServer(storage.db);
      key = (await server.keys.createApiKey({ name: 'Zapier', type: 'admin' })).key;
      api = ghostAdminClient(server.url, key);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('refuses a request without a token, or with a staff session cookie instead, as 401 in Ghost’s envelope', async () => {
      const owner = await createAccount(storage.db, {
        email: 'owner@example.com',
        name: 'Owner',
        role: 'admin',
        password: 'correct horse battery',
      });
      const { token } = await startSession(storage.db, owner.id);
      for (const headers of [{}, { cookie: `dl_session=${token}` }] as Record<string, string>[]) {
        const res = await get('/posts/', headers);
        expect(res.status).toBe(401);
        const body = (await res.json()) as { errors: { type: string; message: string }[] };
        expect(body.errors[0]).toMatchObject({ type: 'UnauthorizedError' });
      }
      const write = await fetch(`${server.url}/ghost/api/admin/posts/`, {
        method: 'POST',
        headers: { cookie: `dl_session=${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ posts: [{ title: 'Forged' }] }),
      });
      expect(write.status).toBe(401);
    });

    it('refuses an expired token, one signed with another secret and a revoked key’s, never answering a 500', async () => {
      const now = Math.floor(Date.now() / 1000);
      const [id] = key.split(':');
      const cases = [
        tokenAt(key, now - 600),
        ghostAdminToken(`${id}:${'0'.repeat(64)}`),
        'not.a.token',
        ghostAdminToken(key, '/content/'),
      ];
      for (const token of cases) {
        const res = await get('/posts/', { authorization: `Ghost ${token}` });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { errors: { type: string }[] }).errors[0]!.type).toBe('UnauthorizedError');
      }
      const revoked = await server.keys.createApiKey({ name: 'Old', type: 'admin' });
      await server.keys.revokeApiKey(revoked.id);
      const error = await refusal(ghostAdminClient(server.url, revoked.key).posts.browse());
      expect(error.name).toBe('UnauthorizedError');
      expect(error.context).toMatch(/revoked/);
    });

    it('answers the versioned prefix older clients use, and Ghost’s 404 for an address it does not have', async () => {
      expect((await ghostAdminClient(server.url, key, 'v4').posts.browse({ limit: 1 })).length).toBe(1);
      const res = await get('/members/', { authorization: `Ghost ${ghostAdminToken(key)}` });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { errors: { type: string }[] }).errors[0]!.type).toBe('NotFoundError');
    });

    it('browses every post with its status, newest first, with tags and authors, and reads one by id and slug', async () => {
      const posts = await api.posts.browse({ limit: 'all' });
      expect(posts.map((p) => p.title).filter((t) => LIVE_HEADLINES.includes(t as string))).toEqual(LIVE_HEADLINES);
      expect(posts.every((p) => ['draft', 'published', 'scheduled'].includes(p.status as string))).toBe(true);
      const post = await api.posts.read({ id: String(ids.reference) });
      expect(post).toMatchObject({ id: String(ids.reference), title: LIVE_HEADLINES[0], status: 'published' });
      expect(tagSlugs(post)[0]).toBe('defense-security');
      expect(typeof post.html).toBe('string');
      expect(post.updated_at).toMatch(/Z$/);
      expect((await api.posts.read({ slug: post.slug as string })).id).toBe(post.id);
      expect((await refusal(api.posts.read({ id: '999999' }))).name).toBe('NotFoundError');
      const business = await api.posts.browse({ filter: 'tag:business', limit: 'all' });
      expect(business.length).toBeGreaterThan(0);
      expect(business.every((p) => tagSlugs(p)[0] === 'business')).toBe(true);
      expect((await refusal(api.posts.browse({ filter: 'tag:(' }))).name).toBe('ValidationError');
    });

    it('adds a draft from HTML: the first tag naming a section sets it, authors by email and slug, a revision by the integration', async () => {
      const html =
        '<p>The council met <strong>late</strong>.</p><script>alert(1)</script><h2>Votes</h2><p>Seven to two.</p>';
      const post = await api.posts.add(
        {
          title: 'Council votes on the harbour plan',
          html,
          tags: ['Harbour', { name: 'Business' }, 'Politics'],
          authors: ['mei.aoki@example.com', { slug: 'tom-baker' }],
          custom_excerpt: 'A late vote.',
        },
        { source: 'html' },
      );
      expect(post).toMatchObject({ status: 'draft', custom_excerpt: 'A late vote.', published_at: null });
      expect(tagSlugs(post)).toEqual(['business', 'harbour', 'politics']);
      expect((post.authors as GhostRecord[]).map((a) => a.name)).toEqual(['Mei Aoki', 'Tom Baker']);
      expect(post.html).toContain('<strong>late</strong>');
      expect(post.html).toContain('Seven to two.');
      expect(post.html).not.toContain('script');
      const row = await findArticleRow(storage.db, Number(post.id));
      expect(row?.status).toBe('draft');
      const activity = await recentActivity(storage.db, 5);
      expect(activity[0]).toMatchObject({ articleId: Number(post.id), by: 'Zapier (integration)', did: 'started' });
    });

    it('puts a post without a section tag in the default section, and refuses Lexical without source=html', async () => {
      const post = await api.posts.add({ title: 'No section named', tags: ['weather'] });
      expect(tagSlugs(post)[0]).toBe('politics');
      const error = await refusal(api.posts.add({ title: 'Lexical', lexical: '{"root":{}}' }));
      expect(error.name).toBe('ValidationError');
      expect(error.context).toMatch(/source=html/);
    });

    it('publishes a draft, which readers then see, and schedules another for a time to come', async () => {
      const draft = await api.posts.add(
        { title: 'Ferry timetable changes', html: '<p>From Monday.</p>' },
        { source: 'html' },
      );
      const live = await api.posts.edit({ id: draft.id, updated_at: draft.updated_at, status: 'published' });
      expect(live.status).toBe('published');
      const page = await fetch(`${server.url}${new URL(live.url as string).pathname}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Ferry timetable changes');

      // Whole seconds: Ghost's dates (and ours) are written to the second.
      const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
      const other = await api.posts.add({ title: 'Budget night', html: '<p>Soon.</p>' }, { source: 'html' });
      const scheduled = await api.posts.edit({
        id: other.id,
        updated_at: other.updated_at,
        status: 'scheduled',
        published_at: at,
      });
      expect(scheduled.status).toBe('scheduled');
      expect(Date.parse(scheduled.published_at as string)).toBe(Date.parse(at));
      const past = await refusal(
        api.posts.edit({
          id: other.id,
          updated_at: scheduled.updated_at,
          status: 'scheduled',
          published_at: FIXTURE_NOW.toISOString(),
        }),
      );
      expect(past.name).toBe('ValidationError');
    });

    it('refuses an edit from a stale updated_at with UpdateCollisionError, and writes nothing', async () => {
      const post = await api.posts.add({ title: 'First title', html: '<p>Body kept.</p>' }, { source: 'html' });
      const edited = await api.posts.edit({ id: post.id, updated_at: post.updated_at, title: 'Second title' });
      expect(edited.html).toContain('Body kept.');
      const error = await refusal(api.posts.edit({ id: post.id, updated_at: post.updated_at, title: 'Stale title' }));
      expect(error.name).toBe('UpdateCollisionError');
      expect((await api.posts.read({ id: post.id as string })).title).toBe('Second title');
      const missing = await refusal(api.posts.edit({ id: post.id, title: 'No stamp' }));
      expect(missing.name).toBe('ValidationError');
    });

    it('deletes a post: gone from the Admin API and the site, kept in the newsroom as unpublished', async () => {
      const post = await api.posts.add(
        { title: 'Withdrawn story', html: '<p>Soon gone.</p>', status: 'published' },
        { source: 'html' },
      );
      const address = `${server.url}${new URL(post.url as string).pathname}`;
      expect((await fetch(address)).status).toBe(200);
      await api.posts.delete({ id: post.id as string });
      expect((await fetch(address)).status).toBe(404);
      expect((await refusal(api.posts.read({ id: post.id as string }))).name).toBe('NotFoundError');
      expect((await findArticleRow(storage.db, Number(post.id)))?.status).toBe('unpublished');
      const activity = await recentActivity(storage.db, 5);
      expect(activity[0]).toMatchObject({ articleId: Number(post.id), by: 'Zapier (integration)', did: 'unpublished' });
      expect((await refusal(api.posts.delete({ id: post.id as string }))).name).toBe('NotFoundError');
    });

    it('answers malformed, empty, oversized and mistyped requests with Ghost’s 4xx errors, never a 500', async () => {
      const send = (method: string, path: string, body: string, type = 'application/json') =>
        fetch(`${server.url}/ghost/api/admin${path}`, {
          method,
          headers: { authorization: `Ghost ${ghostAdminToken(key)}`, 'content-type': type },
          body,
        });
      const answers = [
        await send('POST', '/posts/', '{"posts": [', 'application/json'),
        await send('POST', '/posts/', '{}'),
        await send('POST', '/posts/', JSON.stringify({ posts: [{ title: 'x', tags: 'not a list' }] })),
        await send('POST', '/posts/', 'title=x', 'text/plain'),
        await send(
          'POST',
          '/posts/?source=html',
          JSON.stringify({ posts: [{ title: 'x', html: 'a'.repeat(3_000_000) }] }),
        ),
        await send('PUT', '/posts/abc/', JSON.stringify({ posts: [{ title: 'x' }] })),
        await send('POST', '/images/upload/', '{}'),
      ];
      const statuses = answers.map((a) => a.status);
      expect(statuses).toEqual([400, 422, 422, 422, 413, 404, 422]);
      for (const a of answers) expect(((await a.json()) as { errors: unknown[] }).errors).toHaveLength(1);
    });

    it('takes back the object it answered with one field changed, keeping section, tags, bylines, photo and state', async () => {
      const read = await api.posts.read({ id: String(ids.reference) });
      expect(read.feature_image_caption).toMatch(/\(Dateline photo\)$/);
      const { id, ...rest } = read;
      const edited = await api.posts.edit({ ...rest, id, title: `${read.title as string} (edited)` });
      const same = [
        'status',
        'published_at',
        'feature_image',
        'feature_image_caption',
        'feature_image_alt',
        'custom_excerpt',
      ];
      for (const field of same) expect(edited[field]).toEqual(read[field]);
      expect(tagSlugs(edited)).toEqual(tagSlugs(read));
      expect((edited.authors as GhostRecord[]).map((a) => a.slug)).toEqual(
        (read.authors as GhostRecord[]).map((a) => a.slug),
      );
      expect(edited.html).toBe(read.html);
      expect(edited.title).toBe(`${read.title as string} (edited)`);
    });
  });
}
