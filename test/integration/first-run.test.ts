import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOwner } from '../../src/services/accounts.js';
import { InvalidInput, NotAllowed } from '../../src/services/errors.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

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
  });
}
