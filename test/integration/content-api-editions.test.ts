import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService } from '../../src/services/api-keys.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostContentClient, type GhostContentClient } from '../support/ghost-content-client.js';

const BASE = 'http://127.0.0.1:3000';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Content API posts in several editions on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let f: EditionsFixture;
    let api: GhostContentClient;

    beforeAll(async () => {
      storage = await backend.open();
      f = await loadEditionsFixture(storage.db, await loadNewsroomFixture(storage.db));
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const keys = createApiKeyService({
        db: storage.db,
        clock: () => FIXTURE_NOW,
        secretKey: secretKeyOnce(storage.db, storage.dataDir),
      });
      const { key } = await keys.createApiKey({ name: 'App', type: 'content' });
      api = ghostContentClient(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`, key);
    });
    afterAll(async () => {
      await t?.close();
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
