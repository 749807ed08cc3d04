import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { createApiKeyService, type ApiKeyService } from '../../src/services/api-keys.js';
import { secretKeyOnce } from '../../src/services/secret-key.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { ghostAdminToken } from '../support/ghost-admin-token.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`dateline api-key on ${backend.name}`, () => {
    let storage: TestStorage;
    /** A running server's keys, over the same database and data folder as the commands. */
    let server: ApiKeyService;

    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const env = {
        DATELINE_DATA: storage.dataDir,
        DATELINE_DEMO: '0',
        ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
      };
      const code = await runCli(argv, { env, stdout: (l) => out.push(l), stderr: (l) => err.push(l) });
      return { code, out, err };
    };

    beforeAll(async () => {
      storage = await backend.open();
      server = createApiKeyService({
        db: storage.db,
        clock: () => new Date(),
        secretKey: secretKeyOnce(storage.db, storage.dataDir),
      });
    });
    afterAll(() => storage?.destroy());

    it('lists no keys before any is made', async () => {
      expect(await cli('api-key', 'list')).toEqual({ code: 0, out: ['No API keys.'], err: [] });
    });

    it('adds a content key and prints it as its last line; a running server accepts it', async () => {
      const { code, out, err } = await cli('api-key', 'add', '--name', 'Front end', '--type', 'content');
      expect({ code, err }).toEqual({ code: 0, err: [] });
      const key = out.at(-1)!;
      expect(key).toMatch(/^[0-9a-f]{26}$/);
      expect(out[0]).toMatch(/^Created content key "Front end" \(id [0-9a-f]{24}\)/);
      expect(await server.findContentKey(key)).toMatch(/^[0-9a-f]{24}$/);
    });

    it('adds an admin key whose last line signs tokens a running server accepts', async () => {
      const { code, out } = await cli('api-key', 'add', '--name', 'Zapier', '--type', 'admin');
      expect(code).toBe(0);
      const key = out.at(-1)!;
      expect(key).toMatch(/^[0-9a-f]{24}:[0-9a-f]{64}$/);
      expect(await server.verifyAdminToken(ghostAdminToken(key), new Date())).toEqual({
        ok: true,
        keyId: key.split(':')[0],
      });
    });

    it('lists every key with its type and times, and never a key or a secret', async () => {
      const made = await cli('api-key', 'add', '--name', 'Listed', '--type', 'admin');
      const [id, secret] = made.out.at(-1)!.split(':') as [string, string];
      const { code, out } = await cli('api-key', 'list');
      expect(code).toBe(0);
      expect(out[0]).toMatch(/^ID\s+TYPE\s+CREATED\s+LAST USED\s+REVOKED\s+NAME$/);
      expect(out[1]).toMatch(new RegExp(`^${id}  admin\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  -\\s+-\\s+Listed$`));
      expect(out).toHaveLength(4);
      expect(out.join('\n')).not.toContain(secret);
      expect(out.join('\n')).not.toMatch(/[0-9a-f]{26}(?![0-9a-f])/);
    });

    it('revokes a key, which a running server refuses within a second', async () => {
      const key = (await cli('api-key', 'add', '--name', 'Short-lived', '--type', 'admin')).out.at(-1)!;
      const id = key.split(':')[0]!;
      const token = ghostAdminToken(key);
      const t0 = Date.now();
      expect(await server.verifyAdminToken(token, new Date(t0))).toMatchObject({ ok: true });
      expect(await cli('api-key', 'revoke', id)).toEqual({ code: 0, out: [`Revoked the API key ${id}.`], err: [] });
      expect(await server.verifyAdminToken(token, new Date(t0 + 1000))).toEqual({ ok: false, reason: 'revoked' });
      const listed = (await cli('api-key', 'list')).out.find((line) => line.startsWith(id))!;
      expect(listed).toMatch(/\d\d:\d\d {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}Short-lived$/);
      expect((await cli('api-key', 'revoke', id)).out).toEqual([`The API key ${id} was revoked already.`]);
    });

    it('says so when there is no key with that id, and exits 1', async () => {
      const { code, out, err } = await cli('api-key', 'revoke', 'f'.repeat(24));
      expect({ code, out }).toEqual({ code: 1, out: [] });
      expect(err).toEqual([
        `api-key revoke: there is no API key with the id ${'f'.repeat(24)} (see dateline api-key list).`,
      ]);
    });

    it('exits 2 with the usage for bad arguments, and writes nothing', async () => {
      const before = await cli('api-key', 'list');
      expect(before).toMatchObject({ code: 0, err: [] });
      for (const argv of [
        ['api-key'],
        ['api-key', 'remove', 'x'],
        ['api-key', 'add', '--name', 'X'],
        ['api-key', 'add', '--type', 'content'],
        ['api-key', 'add', '--name', ' ', '--type', 'content'],
        ['api-key', 'add', '--name', 'X', '--type', 'owner'],
        ['api-key', 'add', '--name', 'X', '--type', 'content', '--colour', 'red'],
        ['api-key', 'list', 'all'],
        ['api-key', 'revoke'],
        ['api-key', 'revoke', 'a', 'b'],
      ]) {
        const { code, out, err } = await cli(...argv);
        expect({ argv, code, out }).toEqual({ argv, code: 2, out: [] });
        expect(err.join('\n')).toContain('api-key add --name N --type content|admin');
      }
      // The whole answer, so that a failure shows what the command wrote to stderr.
      expect(await cli('api-key', 'list')).toEqual(before);
    });
  });
}
