import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { saveArticle } from '../../src/services/save-article.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { startContentApiServer, type ContentApiServer } from '../support/content-api-server.js';

const BASE = 'http://127.0.0.1:3000';
const POSTS = '/ghost/api/content/posts/';

interface GhostErrorBody {
  errors: { message: string; type: string; context: string | null }[];
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`The Content API over HTTP on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: ContentApiServer;
    let origin: string;
    let key: string;
    let revokedKey: string;
    let unsigned: number;
    let draft: number;

    const get = (path: string, headers: Record<string, string> = {}) => fetch(origin + path, { headers });
    const withKey = (path: string, query = '') => get(`${path}?key=${key}${query}`);
    const refusal = async (res: Response, status: number, type: string) => {
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as GhostErrorBody;
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ type, message: expect.any(String) });
      expect(body.errors[0]).toHaveProperty('context');
      return body.errors[0]!;
    };

    beforeAll(async () => {
      storage = await backend.open();
      const ids = await loadNewsroomFixture(storage.db);
      const article = (headline: string, input: Partial<ArticleInput>): ArticleInput => ({
        slug: headline.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        headline,
        standfirst: null,
        body: [],
        sectionId: ids.sections.business,
        authorIds: [],
        tags: [],
        photo: null,
        status: 'published',
        publishedAt: new Date(FIXTURE_NOW.getTime() - 60_000),
        updatedAt: null,
        ...input,
      });
      unsigned = await saveArticle(
        storage.db,
        null,
        article('Unsigned market note', {
          body: [
            {
              type: 'paragraph',
              content: [
                { text: 'See ', marks: [] },
                { text: 'politics', marks: [{ type: 'link', href: '/politics/' }] },
              ],
            },
            { type: 'image', mediaId: ids.photoMediaId, alt: 'A harbour', caption: 'The harbour' },
          ],
        }),
        FIXTURE_NOW,
      );
      draft = await saveArticle(
        storage.db,
        null,
        article('Draft note', { status: 'draft', publishedAt: null }),
        FIXTURE_NOW,
      );
      server = await startContentApiServer(storage, FIXTURE_NOW, 'Front end');
      ({ origin, key } = server);
      const revoked = await server.keys.createApiKey({ name: 'Old front end', type: 'content' });
      await server.keys.revokeApiKey(revoked.id);
      revokedKey = revoked.key;
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('refuses a request without a key with 401 UnauthorizedError in Ghost’s envelope', async () => {
      await refusal(await get(POSTS), 401, 'UnauthorizedError');
      await refusal(await get(`${POSTS}?key=`), 401, 'UnauthorizedError');
    });

    it('refuses an unknown key and a revoked key with 403 NoPermissionError', async () => {
      await refusal(await get(`${POSTS}?key=${'0'.repeat(26)}`), 403, 'NoPermissionError');
      await refusal(await get(`${POSTS}?key=${revokedKey}`), 403, 'NoPermissionError');
      await refusal(await get(`${POSTS}?key=not-a-key`), 403, 'NoPermissionError');
    });

    it('answers an unknown post, a draft, a non-numeric id and an unknown address with 404 NotFoundError', async () => {
      for (const path of [`${POSTS}2147483000/`, `${POSTS}${draft}/`, `${POSTS}abc/`, `${POSTS}slug/no-such-post/`]) {
        await refusal(await withKey(path), 404, 'NotFoundError');
      }
      await refusal(await withKey('/ghost/api/content/newsletters/'), 404, 'NotFoundError');
    });

    it('refuses an order it cannot sort by, a limit or page that is not a number, and a bad filter, with 400', async () => {
      for (const query of ['&order=headline%20desc', '&order=title%20sideways', '&limit=0', '&limit=ten', '&page=-1']) {
        await refusal(await withKey(POSTS, query), 400, 'ValidationError');
      }
      for (const filter of ['tag:(', 'title:News', 'published_at:>yesterday', 'featured:>true', 'tag:null']) {
        const error = await refusal(
          await withKey(POSTS, `&filter=${encodeURIComponent(filter)}`),
          400,
          'ValidationError',
        );
        expect(error.message).toBe('Error parsing filter');
      }
    });

    it('ignores parameters it does not know, as Ghost does', async () => {
      const res = await withKey(POSTS, '&slug=anything&utm_source=x');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { posts: unknown[] }).posts).toHaveLength(13);
    });

    it('lets any site read it: CORS on answers, and a preflight for the client’s Accept-Version header', async () => {
      expect((await withKey(POSTS)).headers.get('access-control-allow-origin')).toBe('*');
      const preflight = await fetch(`${origin}${POSTS}?key=${key}`, {
        method: 'OPTIONS',
        headers: { origin: 'https://front.example', 'access-control-request-headers': 'accept-version' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('accept-version');
    });

    it('sends Cache-Control and an ETag, and answers 304 while the copy is current', async () => {
      const first = await withKey(POSTS, '&limit=3');
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^".+"$/);
      const again = await get(`${POSTS}?key=${key}&limit=3`, { 'if-none-match': etag! });
      expect(again.status).toBe(304);
      expect(again.headers.get('access-control-allow-origin')).toBe('*');
      const other = await get(`${POSTS}?key=${key}&limit=4`, { 'if-none-match': etag! });
      expect(other.status).toBe(200);
    });

    it('draws html with absolute addresses for links and images, and no relative address of ours', async () => {
      const res = await withKey(`${POSTS}${unsigned}/`, '&include=authors');
      const [post] = ((await res.json()) as { posts: Record<string, unknown>[] }).posts;
      const html = post!.html as string;
      expect(html).toContain(`href="${BASE}/politics/"`);
      expect(html).toMatch(new RegExp(`src="${BASE}/media/`));
      expect(html).not.toMatch(/(?:src|href|srcset)="\//);
      // The content alone, as Ghost's: not the article page's wrapper.
      expect(html).toMatch(/^<p>See /);
      expect(post).toMatchObject({ authors: [], primary_author: null });
    });
  });
}
