import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { startContentApiServer, type ContentApiServer } from '../support/content-api-server.js';
import { ghostContentClient, type GhostContentClient } from '../support/ghost-content-client.js';

const BASE = 'http://127.0.0.1:3000';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Content API posts in several editions on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: ContentApiServer;
    let f: EditionsFixture;
    let api: GhostContentClient;

    beforeAll(async () => {
      storage = await backend.open();
      f = await loadEditionsFixture(storage.db, await loadNewsroomFixture(storage.db));
      server = await startContentApiServer(storage, FIXTURE_NOW, 'App');
      api = ghostContentClient(server.origin, server.key);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('gives each post its edition’s language and address, and its live translations', async () => {
      const { en, ja, ko } = f.reference;
      const source = await api.posts.read({ id: String(en) });
      expect(source.lang).toBe('en');
      expect(source.translations).toEqual([
        { id: String(ja), lang: 'ja', url: `${BASE}/ja/seiji/boei/20260121-${ja}/` },
        { id: String(ko), lang: 'ko', url: expect.stringMatching(new RegExp(`^${BASE}/ko/.+-${ko}/$`)) },
      ]);
      const japanese = await api.posts.read({ id: String(ja) }, { include: 'tags' });
      expect(japanese).toMatchObject({ lang: 'ja', url: `${BASE}/ja/seiji/boei/20260121-${ja}/` });
      expect(japanese.primary_tag).toMatchObject({ slug: 'boei', name: '防衛', url: `${BASE}/ja/seiji/boei/` });
      expect((japanese.translations as { id: string }[]).map((m) => m.id)).toEqual([String(en), String(ko)]);
    });

    it('lists no translation that is not live yet', async () => {
      expect((await api.posts.read({ id: String(f.draftOnly.en) })).translations).toEqual([]);
      expect((await api.posts.read({ id: String(f.scheduled.en) })).translations).toEqual([]);
    });
  });
}
