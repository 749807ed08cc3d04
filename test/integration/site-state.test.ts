import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpContentVersion, readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the site's state on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('a refresh asked for after a write sees that write, even while an earlier refresh is still loading', async () => {
      await bumpContentVersion(storage.db);
      // This refresh reads the version now and then loads the site's settings and sections: several statements.
      const loading = t.site.refresh();
      // A writer commits while it loads, then asks for its change to show, as the Admin API's routes do.
      await bumpContentVersion(storage.db);
      const written = await readContentVersion(storage.db);
      expect(await t.site.refresh()).toBe(true);
      expect(t.site.current().version).toBe(written);
      expect(await loading).toBe(true);
    });

    it('refreshes asked for while one runs share a single run after it', async () => {
      await bumpContentVersion(storage.db);
      const first = t.site.refresh();
      const later = [t.site.refresh(), t.site.refresh(), t.site.refresh()];
      expect(new Set(later).size).toBe(1);
      expect(later[0]).not.toBe(first);
      await Promise.all([first, ...later]);
      expect(t.site.current().version).toBe(await readContentVersion(storage.db));
      // Nothing changed since: a refresh on its own finds nothing to load.
      expect(await t.site.refresh()).toBe(false);
    });
  });
}
