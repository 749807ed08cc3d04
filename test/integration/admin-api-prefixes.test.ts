import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostAdminToken } from '../support/ghost-admin-token.js';
import { startAdminApiServer, type AdminApiServer } from '../support/ghost-admin-client.js';

// The Admin API is registered once, at /ghost/api/admin; the versioned prefixes reach it through the app's rewriteUrl
// (admin-api-alias.ts). Every prefix must still answer as the API, and nothing beside them.
const PREFIXES = ['admin', 'canary/admin', 'v2/admin', 'v3/admin', 'v4/admin', 'v5/admin'];

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the Admin API's prefixes on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: AdminApiServer;
    let key: string;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      server = await startAdminApiServer(storage.db);
      key = (await server.keys.createApiKey({ name: 'Old client', type: 'admin' })).key;
    });
    afterAll(async () => {
      await server?.close();
      await storage?.close();
    });

    const fetchJson = async (path: string, signed: boolean) => {
      const res = await fetch(`${server.url}${path}`, {
        headers: signed ? { authorization: `Ghost ${ghostAdminToken(key)}` } : {},
      });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    };

    it('answers the same posts, site and refusals under every prefix', async () => {
      const today = await fetchJson('/ghost/api/admin/posts/?limit=2&fields=id,title', true);
      expect(today.status).toBe(200);
      for (const prefix of PREFIXES) {
        expect(await fetchJson(`/ghost/api/${prefix}/posts/?limit=2&fields=id,title`, true)).toEqual(today);
        expect((await fetchJson(`/ghost/api/${prefix}/site/`, false)).status).toBe(200);
        // Unsigned, and an address the API lacks: Ghost's JSON errors, not the reader's pages.
        const unsigned = await fetchJson(`/ghost/api/${prefix}/posts/`, false);
        expect(unsigned.status).toBe(401);
        expect(JSON.parse(unsigned.body).errors[0].type).toBe('UnauthorizedError');
        const missing = await fetchJson(`/ghost/api/${prefix}/members/`, true);
        expect(missing.status).toBe(404);
        expect(JSON.parse(missing.body).errors[0].type).toBe('NotFoundError');
        // The bare prefix is no address of the API's: the reader's 404 page, as for /ghost/api/admin itself.
        const bare = await fetchJson(`/ghost/api/${prefix}`, true);
        expect([bare.status, bare.type]).toEqual([404, 'text/html; charset=utf-8']);
      }
    });

    it('leaves addresses that only look like a prefix to the reader site', async () => {
      for (const path of [
        '/ghost/api/v6/admin/site/',
        '/ghost/api/v4/administration/site/',
        '/ghost/api/V4/admin/site/',
      ]) {
        const res = await fetchJson(path, true);
        expect(res.status, path).toBe(404);
        expect(res.type, path).toMatch(/^text\/html/);
      }
    });
  });
}
