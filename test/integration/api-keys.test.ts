import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService, type ApiKeyService } from '../../src/services/api-keys.js';
import { InvalidInput, NotFound } from '../../src/services/errors.js';
import { SECRET_KEY_FILE, SecretKeyError, secretKeyOnce } from '../../src/services/secret-key.js';
import { findApiKeyRowById } from '../../src/storage/repositories/api-key.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { claimsOf, ghostAdminToken } from '../support/ghost-admin-token.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`API keys on ${backend.name}`, () => {
    let storage: TestStorage;
    let keys: ApiKeyService;
    /** Another process over the same database and key file, with its own cache. */
    let otherProcess: ApiKeyService;
    const service = (dataDir = storage.dataDir) =>
      createApiKeyService({ db: storage.db, clock: () => new Date(), secretKey: secretKeyOnce(storage.db, dataDir) });
    const adminKey = async (name = 'Zapier') => (await keys.createApiKey({ name, type: 'admin' })).key;

    beforeAll(async () => {
      storage = await backend.open();
      keys = service();
      otherProcess = service();
    });
    afterAll(() => storage?.destroy());

    it('makes a content key of 26 hex digits that finds its key until it is revoked', async () => {
      const made = await keys.createApiKey({ name: 'Static front end', type: 'content' });
      expect(made.key).toMatch(/^[0-9a-f]{26}$/);
      expect(made.id).toMatch(/^[0-9a-f]{24}$/);
      expect(await keys.findContentKey(made.key)).toBe(made.id);
      expect(await keys.revokeApiKey(made.id)).toBe(true);
      expect(await keys.findContentKey(made.key)).toBeNull();
    });

    it('finds no content key for an unknown key, one of another form, or an admin key’s id', async () => {
      const admin = await keys.createApiKey({ name: 'Admin', type: 'admin' });
      for (const key of ['0'.repeat(26), 'not a key', admin.id, `${admin.id}00`]) {
        expect(await keys.findContentKey(key)).toBeNull();
      }
    });

    it('makes an admin key {24-hex id}:{64-hex secret} whose secret is not in the database in clear', async () => {
      const made = await keys.createApiKey({ name: 'Newsletter', type: 'admin' });
      const [id, secret] = made.key.split(':') as [string, string];
      expect(id).toBe(made.id);
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const row = await findApiKeyRowById(storage.db, id);
      expect(row?.content_key).toBeNull();
      expect(row?.secret_sealed).toMatch(/^v1\./);
      const stored = JSON.stringify(row);
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret, 'hex').toString('base64'));
      expect(statSync(join(storage.dataDir, SECRET_KEY_FILE)).mode & 0o077).toBe(0);
    });

    it('accepts a token from @tryghost/admin-api signed with an admin key, and names the key', async () => {
      const key = await adminKey();
      const token = ghostAdminToken(key);
      expect(await keys.verifyAdminToken(token, new Date())).toEqual({ ok: true, keyId: key.split(':')[0] });
      expect(await otherProcess.verifyAdminToken(ghostAdminToken(key, '/v4/admin/'), new Date())).toMatchObject({
        ok: true,
      });
    });

    it('refuses a token naming another key, an unknown key or a content key', async () => {
      const [, secret] = (await adminKey('One')).split(':');
      const [otherId] = (await adminKey('Two')).split(':');
      const content = await keys.createApiKey({ name: 'Content', type: 'content' });
      const now = new Date();
      expect(await keys.verifyAdminToken(ghostAdminToken(`${otherId}:${secret}`), now)).toEqual({
        ok: false,
        reason: 'signature',
      });
      for (const id of ['f'.repeat(24), content.id]) {
        expect(await keys.verifyAdminToken(ghostAdminToken(`${id}:${secret}`), now)).toEqual({
          ok: false,
          reason: 'unknown_key',
        });
      }
    });

    it('refuses an expired token, a tampered one and one for another audience', async () => {
      const key = await adminKey();
      const token = ghostAdminToken(key);
      const { exp } = claimsOf(token);
      expect(await keys.verifyAdminToken(token, new Date((exp + 5) * 1000))).toEqual({ ok: false, reason: 'expired' });
      const [, payload] = ghostAdminToken(key, '/v2/admin/').split('.');
      const [header, , signature] = token.split('.');
      expect(await keys.verifyAdminToken(`${header}.${payload}.${signature}`, new Date())).toMatchObject({
        reason: 'signature',
      });
      expect(await keys.verifyAdminToken(ghostAdminToken(key, '/content/'), new Date())).toMatchObject({
        reason: 'audience',
      });
    });

    it('refuses a revoked key’s token in this process at once, and in another within a second', async () => {
      const key = await adminKey();
      const id = key.split(':')[0]!;
      const token = ghostAdminToken(key);
      const t0 = Date.now();
      expect(await otherProcess.verifyAdminToken(token, new Date(t0))).toMatchObject({ ok: true });
      expect(await keys.revokeApiKey(id)).toBe(true);
      expect(await keys.verifyAdminToken(token, new Date(t0))).toEqual({ ok: false, reason: 'revoked' });
      expect(await otherProcess.verifyAdminToken(token, new Date(t0 + 1000))).toEqual({ ok: false, reason: 'revoked' });
    });

    it('accepts a key made by another process within a second of its making', async () => {
      const t0 = Date.now();
      const content = await keys.createApiKey({ name: 'Later', type: 'content' });
      expect(await otherProcess.findContentKey(content.key, new Date(t0))).toBe(content.id);
      const admin = await adminKey('Later admin');
      expect(await otherProcess.verifyAdminToken(ghostAdminToken(admin), new Date(t0))).toMatchObject({ ok: true });
    });

    it('records a key’s last use at most once a minute', async () => {
      const content = await keys.createApiKey({ name: 'Busy', type: 'content' });
      const lastUsed = async () => (await findApiKeyRowById(storage.db, content.id))?.last_used_at;
      const t0 = Date.now();
      expect(await lastUsed()).toBeNull();
      await keys.findContentKey(content.key, new Date(t0));
      expect(await lastUsed()).toBe(t0);
      await keys.findContentKey(content.key, new Date(t0 + 30_000));
      await otherProcess.findContentKey(content.key, new Date(t0 + 30_000));
      expect(await lastUsed()).toBe(t0);
      await keys.findContentKey(content.key, new Date(t0 + 61_000));
      expect(await lastUsed()).toBe(t0 + 61_000);
      const listed = (await keys.listApiKeys()).find((k) => k.id === content.id);
      expect(listed?.lastUsedAt).toEqual(new Date(t0 + 61_000));
    });

    it('lists keys newest first, with no key or secret in the listing', async () => {
      const made = await keys.createApiKey({ name: 'Newest', type: 'admin' });
      const listed = await keys.listApiKeys();
      expect(listed[0]).toMatchObject({ id: made.id, name: 'Newest', type: 'admin', revokedAt: null });
      expect(Object.keys(listed[0]!).sort()).toEqual(
        ['createdAt', 'createdBy', 'id', 'lastUsedAt', 'name', 'revokedAt', 'type'].sort(),
      );
      expect(JSON.stringify(listed)).not.toContain(made.key.split(':')[1]);
    });

    it('refuses a key without a name or of another type, and an unknown id to revoke', async () => {
      await expect(keys.createApiKey({ name: '  ', type: 'content' })).rejects.toThrow(InvalidInput);
      await expect(keys.createApiKey({ name: 'X', type: 'owner' })).rejects.toThrow(InvalidInput);
      await expect(keys.revokeApiKey('0'.repeat(24))).rejects.toThrow(NotFound);
      const made = await keys.createApiKey({ name: 'Twice', type: 'content' });
      expect(await keys.revokeApiKey(made.id)).toBe(true);
      expect(await keys.revokeApiKey(made.id)).toBe(false);
    });

    it('stops with a clear error where the key file is missing or another, and never makes a second one', async () => {
      const key = await adminKey();
      const elsewhere = mkdtempSync(join(tmpdir(), 'dateline-other-node-'));
      try {
        const stranger = service(elsewhere);
        await expect(stranger.verifyAdminToken(ghostAdminToken(key), new Date())).rejects.toThrow(/is missing/);
        await expect(stranger.createApiKey({ name: 'X', type: 'admin' })).rejects.toThrow(SecretKeyError);
        expect(() => statSync(join(elsewhere, SECRET_KEY_FILE))).toThrow();
        // A key file of its own (a node set up apart) does not open the others' secrets either.
        const apart = mkdtempSync(join(tmpdir(), 'dateline-apart-'));
        writeFileSync(join(apart, SECRET_KEY_FILE), `${Buffer.alloc(32, 7).toString('base64')}\n`);
        await expect(service(apart).verifyAdminToken(ghostAdminToken(key), new Date())).rejects.toThrow(
          /is not the key/,
        );
        rmSync(apart, { recursive: true, force: true });
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });
  });
}
