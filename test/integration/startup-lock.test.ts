import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage } from '../../src/storage/database.js';
import { withStartupLock } from '../../src/storage/startup-lock.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ensureBuilt, firstPage, freePort, spawnOwnProcess, type OwnProcess } from '../support/server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Any number of processes may start at once on one database (issue 18): the startup lock lets one migrate and load
 * the demo while the others wait, then find nothing left to do. Before it, two nodes starting together on an empty
 * PostgreSQL database crashed one of them in 4 of 4 trials (a duplicate section slug from the demo loader).
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the startup lock on ${backend.name}`, () => {
    let storage: TestStorage;
    beforeAll(async () => {
      storage = await backend.open({ migrated: false });
      // Only the SQLite block starts servers (below).
      if (backend.name === 'sqlite') ensureBuilt();
    }, 180_000);
    afterAll(async () => {
      await storage?.destroy();
    });

    const sameDatabase = () =>
      createStorage({
        dataDir: storage.dataDir,
        databaseUrl: storage.databaseUrl,
        ...(storage.postgresSchema ? { postgresSchema: storage.postgresSchema } : {}),
      });

    it('lets one holder in at a time, across connections, and tells a waiter once that it waits', async () => {
      const handles = [sameDatabase(), sameDatabase(), sameDatabase()];
      const events: string[] = [];
      let waits = 0;
      try {
        await Promise.all(
          handles.map((handle, i) =>
            withStartupLock(
              handle,
              async () => {
                events.push(`in ${i}`);
                await new Promise((r) => setTimeout(r, 150));
                events.push(`out ${i}`);
              },
              { onWait: () => waits++ },
            ),
          ),
        );
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
      expect(events).toHaveLength(6);
      // Strictly alternating: nobody came in before the one inside went out.
      for (let k = 0; k < 6; k += 2) expect(events[k + 1]).toBe(events[k]!.replace('in', 'out'));
      expect(waits).toBe(2);
    });

    it('is given back when the work fails, so the next process is not shut out', async () => {
      const handle = sameDatabase();
      try {
        await expect(withStartupLock(handle, () => Promise.reject(new Error('migration broke')))).rejects.toThrow(
          'migration broke',
        );
        let waited = false;
        await expect(withStartupLock(handle, async () => 'ran', { onWait: () => (waited = true) })).resolves.toBe(
          'ran',
        );
        expect(waited).toBe(false);
      } finally {
        await handle.close();
      }
    });

    // On PostgreSQL, test/integration/scale-out.test.ts starts its two nodes this way and checks the same.
    it.skipIf(backend.name === 'postgres')(
      'starts three servers at once on the empty database: all serve, the demo is loaded once',
      async () => {
        const servers: OwnProcess[] = [];
        try {
          const ports = [await freePort(), await freePort(), await freePort()];
          for (const port of ports)
            servers.push(
              spawnOwnProcess(process.execPath, ['bin/dateline.js', 'serve'], {
                cwd: ROOT,
                env: {
                  PORT: String(port),
                  DATELINE_DATA: storage.dataDir,
                  DATELINE_WORKERS: '1',
                  // With DATABASE_URL the demo loads only when asked; ask, as the race was in the demo loader.
                  DATELINE_DEMO: '1',
                  LOG_LEVEL: 'info',
                  ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
                },
              }),
            );
          const pages = await Promise.all(ports.map((port) => firstPage(`http://127.0.0.1:${port}/`, 90_000)));
          for (const page of pages) expect(page.html).toMatch(/href="\/[a-z-]+\/(?:[a-z-]+\/)?\d{8}-\d+\/"/);
          const outputs = servers.map((s) => s.output());
          expect(
            outputs.filter((o) => /Loaded \d+ demo articles/.test(o)),
            outputs.join('\n---\n'),
          ).toHaveLength(1);
          for (const output of outputs) expect(output).not.toMatch(/duplicate key|UNIQUE constraint|"level":50/);
          // One demo's worth of sections, not two or three.
          const slugs = await storage.db.selectFrom('section').select('slug').execute();
          expect(new Set(slugs.map((s) => s.slug)).size).toBe(slugs.length);
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      },
      180_000,
    );
  });
}
