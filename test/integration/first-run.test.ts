import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { createOwner } from '../../src/services/accounts.js';
import { InvalidInput, NotAllowed } from '../../src/services/errors.js';
import { firstRunLine, setupCodeForFirstRun } from '../../src/services/first-run.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';

const PASSWORD = 'correct horse battery';
const owner = (i: number) => ({ name: `Owner ${i}`, email: `owner${i}@example.com`, password: PASSWORD });

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the first owner on ${backend.name}`, () => {
    let storage: TestStorage;
    beforeEach(async () => {
      storage = await backend.open();
    });
    afterEach(async () => {
      await storage.destroy();
    });

    it('is created exactly once when eight set-up forms arrive at once', async () => {
      const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => createOwner(storage.db, owner(i))));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(NotAllowed);
      const accounts = await storage.db.selectFrom('user_account').select(['role']).execute();
      expect(accounts).toEqual([{ role: 'admin' }]);
    });

    it('is not claimed by a refused form, so the next good one still creates it', async () => {
      await expect(createOwner(storage.db, { ...owner(1), password: 'short' })).rejects.toBeInstanceOf(InvalidInput);
      expect((await createOwner(storage.db, owner(2))).email).toBe('owner2@example.com');
    });

    describe('on a server that listens beyond this machine', () => {
      let t: TestApp;
      const form = { name: 'Olu Owner', email: 'olu@example.com', password: PASSWORD };
      const accounts = () => storage.db.selectFrom('user_account').select(['email', 'role']).execute();

      beforeEach(async () => {
        t = await buildTestApp(storage.db, new Date('2026-03-01T09:00:00Z'));
        await t.app.listen({ host: '0.0.0.0', port: 0 });
      });
      afterEach(async () => {
        await t.close();
      });

      it('refuses to create the owner without the setup code, keeping what was typed but the password', async () => {
        await setupCodeForFirstRun(storage.db);
        const browser = new NewsroomClient(t.app);
        const page = dom((await browser.get('/newsroom/setup')).body);
        expect(page.querySelector('input#code')?.getAttribute('type')).toBe('text');
        // The first visit lands on the desk's address, which offers the same form with the same field.
        const desk = dom((await browser.get('/newsroom/')).body);
        expect(desk.querySelector('input#code')?.getAttribute('type')).toBe('text');
        const res = await browser.post('/newsroom/setup', form);
        expect(res.statusCode).toBe(403);
        const refused = dom(res.body);
        expect(refused.querySelector('#code-error')?.text).toContain('needs the setup code printed in its log');
        expect(refused.querySelector('input#name')?.getAttribute('value')).toBe('Olu Owner');
        expect(refused.querySelector('input#email')?.getAttribute('value')).toBe('olu@example.com');
        expect(res.body).not.toContain(PASSWORD);
        expect(await accounts()).toEqual([]);
      });

      it('refuses a wrong setup code', async () => {
        await setupCodeForFirstRun(storage.db);
        const browser = new NewsroomClient(t.app);
        await browser.get('/newsroom/setup?code=guessed');
        const res = await browser.post('/newsroom/setup', { ...form, code: 'guessed' });
        expect(res.statusCode).toBe(403);
        expect(dom(res.body).querySelector('#code-error')?.text).toContain('That setup code is not right');
        expect(await accounts()).toEqual([]);
      });

      it('creates the owner with the code from the link, which then works no more', async () => {
        const code = await setupCodeForFirstRun(storage.db);
        const browser = new NewsroomClient(t.app);
        const page = dom((await browser.get(`/newsroom/setup?code=${code}`)).body);
        const hidden = page.querySelector('input[name="code"]');
        expect([hidden?.getAttribute('type'), hidden?.getAttribute('value')]).toEqual(['hidden', code]);
        const made = await browser.post('/newsroom/setup', { ...form, code: code! });
        expect([made.statusCode, made.headers.location]).toEqual([303, '/newsroom']);
        const stranger = new NewsroomClient(t.app);
        await stranger.get('/newsroom/login');
        const again = await stranger.post('/newsroom/setup', { ...form, email: 'eve@example.com', code: code! });
        expect(again.statusCode).toBe(403);
        expect(await accounts()).toEqual([{ email: 'olu@example.com', role: 'admin' }]);
      });

      it('prints a start-up line whose link creates the owner, and none once the owner exists', async () => {
        const port = (t.app.server.address() as { port: number }).port;
        expect(await firstRunLine(storage.db, '127.0.0.1', port)).toBeNull();
        const line = await firstRunLine(storage.db, '192.0.2.10', port);
        const match =
          /^Open http:\/\/192\.0\.2\.10:(\d+)\/newsroom\/setup\?code=([\w-]+) to create the owner \(or run `dateline user add --role owner \.\.\.`\)$/.exec(
            line ?? '',
          );
        expect(match?.[1]).toBe(String(port));
        const browser = new NewsroomClient(t.app);
        await browser.get(`/newsroom/setup?code=${match![2]}`);
        expect((await browser.post('/newsroom/setup', { ...form, code: match![2]! })).statusCode).toBe(303);
        expect(await firstRunLine(storage.db, '192.0.2.10', port)).toBeNull();
      });
    });

    it('asks no setup code of a server that listens on this machine only', async () => {
      const t = await buildTestApp(storage.db, new Date('2026-03-01T09:00:00Z'));
      try {
        await t.app.listen({ host: '127.0.0.1', port: 0 });
        const browser = new NewsroomClient(t.app);
        expect(dom((await browser.get('/newsroom/setup')).body).querySelector('input[name="code"]')).toBeNull();
        const made = await browser.post('/newsroom/setup', owner(1));
        expect(made.statusCode).toBe(303);
      } finally {
        await t.close();
      }
    });

    // The command opens the configured database; the SQLite file in the test's data folder is one it can open.
    it.skipIf(backend.name !== 'sqlite')(
      'makes the owner from the command line once, using up the setup codes',
      async () => {
        expect(await setupCodeForFirstRun(storage.db)).not.toBeNull();
        const out: string[] = [];
        const io = {
          env: { DATELINE_DATA: storage.dataDir },
          stdout: (l: string) => out.push(l),
          stderr: (l: string) => out.push(l),
          readSecret: async () => PASSWORD,
        };
        const add = (email: string) =>
          runCli(['user', 'add', '--email', email, '--name', 'Cli Owner', '--role', 'owner'], io);
        expect(await add('cli@example.com')).toBe(0);
        expect(await add('second@example.com')).toBe(1);
        expect(out).toContain('user add: the owner exists already; add admins with --role admin.');
        const rows = await storage.db
          .selectFrom('setting')
          .select('key')
          .where('key', 'like', 'setup-code:%')
          .execute();
        expect(rows).toEqual([]);
      },
    );
  });
}
