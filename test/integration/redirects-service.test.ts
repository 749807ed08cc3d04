import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidInput } from '../../src/services/errors.js';
import { deleteRedirect, listRedirects, REDIRECTS_PAGE_SIZE, saveRedirects } from '../../src/services/redirects.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { findRedirectTarget } from '../../src/storage/repositories/redirect.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const refusalOf = async (work: Promise<unknown>): Promise<Record<string, string>> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInput);
  return (error as InvalidInput).fields;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`redirects on ${backend.name}`, () => {
    let storage: TestStorage;
    const targetOf = (from: string) => findRedirectTarget(storage.db, from);

    beforeAll(async () => {
      storage = await backend.open();
    });
    afterAll(() => storage?.destroy());

    it('stores an old address under one spelling: escapes, trailing slash and query order', async () => {
      const saved = await saveRedirects(storage.db, [
        { from: '/2019/05/%ce%b1%ce%b8%ce%b7%ce%bd%ce%b1/', to: '/politics/athens-budget-1', source: 'wordpress' },
        { from: '/Old-Page', to: '/about/' },
        { from: '/?page_id=7&lang=en', to: '/contact/' },
      ]);
      expect(saved).toEqual({ created: 3, updated: 0, unchanged: 0 });
      expect(await targetOf('/2019/05/%CE%B1%CE%B8%CE%B7%CE%BD%CE%B1')).toBe('/politics/athens-budget-1');
      // Case is kept: WordPress addresses are case-sensitive.
      expect(await targetOf('/Old-Page')).toBe('/about/');
      expect(await targetOf('/old-page')).toBeUndefined();
      expect(await targetOf('/?lang=en&page_id=7')).toBe('/contact/');
    });

    it('saving the same rows again changes nothing and leaves the content version alone', async () => {
      const rows = [{ from: '/?p=123', to: '/news/council-vote-2', source: 'wordpress' as const }];
      expect(await saveRedirects(storage.db, rows)).toEqual({ created: 1, updated: 0, unchanged: 0 });
      const version = await readContentVersion(storage.db);
      expect(await saveRedirects(storage.db, rows)).toEqual({ created: 0, updated: 0, unchanged: 1 });
      expect(await readContentVersion(storage.db)).toBe(version);
      expect(await saveRedirects(storage.db, [{ from: '/?p=123', to: '/news/council-vote-3' }])).toEqual({
        created: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await readContentVersion(storage.db)).toBe(version + 1);
      expect(await targetOf('/?p=123')).toBe('/news/council-vote-3');
    });

    it('refuses addresses that are no path of this site, naming the field', async () => {
      expect(await refusalOf(saveRedirects(storage.db, [{ from: 'old-story', to: '/news/' }]))).toHaveProperty('from');
      expect(
        await refusalOf(saveRedirects(storage.db, [{ from: '/old', to: 'https://elsewhere.example/x' }])),
      ).toHaveProperty('to');
      expect(await refusalOf(saveRedirects(storage.db, [{ from: '//evil.example/x', to: '/news/' }]))).toHaveProperty(
        'from',
      );
      expect(await refusalOf(saveRedirects(storage.db, [{ from: '/', to: '/news/' }]))).toHaveProperty('from');
      expect(await refusalOf(saveRedirects(storage.db, [{ from: '/a/../b', to: '/news/' }]))).toHaveProperty('from');
      expect(await refusalOf(saveRedirects(storage.db, [{ from: '/old', to: '' }]))).toHaveProperty('to');
    });

    it('refuses a loop, also one spelled with a trailing slash, and writes nothing of the batch', async () => {
      const fields = await refusalOf(
        saveRedirects(storage.db, [
          { from: '/fine-one', to: '/news/' },
          { from: '/same', to: '/same/' },
        ]),
      );
      expect(fields.to).toMatch(/back to itself/);
      expect(await targetOf('/fine-one')).toBeUndefined();
    });

    it('refuses a loop made through a stored redirect (A → B stored, then B → A)', async () => {
      await saveRedirects(storage.db, [{ from: '/loop-a', to: '/loop-b' }]);
      await refusalOf(saveRedirects(storage.db, [{ from: '/loop-b', to: '/loop-a/' }]));
      expect(await targetOf('/loop-b')).toBeUndefined();
    });

    it('folds a chain to one hop: a target that moves is followed, and older redirects to it are pointed on', async () => {
      await saveRedirects(storage.db, [{ from: '/first', to: '/second/' }]);
      // /second now moves: /first must not take two hops.
      await saveRedirects(storage.db, [{ from: '/second', to: '/third' }]);
      expect(await targetOf('/first')).toBe('/third');
      // A new redirect to /second goes straight to /third.
      await saveRedirects(storage.db, [{ from: '/zeroth', to: '/second' }]);
      expect(await targetOf('/zeroth')).toBe('/third');
    });

    it('follows a chain inside one batch', async () => {
      const saved = await saveRedirects(storage.db, [
        { from: '/batch-1', to: '/batch-2' },
        { from: '/batch-2', to: '/batch-3' },
        { from: '/batch-3', to: '/news/final' },
      ]);
      expect(saved.created).toBe(3);
      expect(await targetOf('/batch-1')).toBe('/news/final');
      expect(await targetOf('/batch-2')).toBe('/news/final');
    });

    it('joins the caller’s transaction: a failure after it leaves nothing', async () => {
      await expect(
        storage.db.transaction().execute(async (trx) => {
          await saveRedirects(trx, [{ from: '/in-a-transaction', to: '/news/' }]);
          expect(await findRedirectTarget(trx, '/in-a-transaction')).toBe('/news/');
          throw new Error('the import failed later');
        }),
      ).rejects.toThrow('the import failed later');
      expect(await targetOf('/in-a-transaction')).toBeUndefined();
    });

    it('deletes by the old address in any spelling', async () => {
      await saveRedirects(storage.db, [{ from: '/to-delete', to: '/news/' }]);
      expect(await deleteRedirect(storage.db, '/to-delete/')).toBe(true);
      expect(await deleteRedirect(storage.db, '/to-delete')).toBe(false);
      expect(await deleteRedirect(storage.db, 'not a path')).toBe(false);
    });

    it('lists newest first in pages, and finds by either address, also typed unescaped', async () => {
      const many = Array.from({ length: REDIRECTS_PAGE_SIZE + 5 }, (_, i) => ({
        from: `/many/${i}`,
        to: `/news/n-${i}`,
      }));
      await saveRedirects(storage.db, many);
      const first = await listRedirects(storage.db, { page: 1, query: 'many' });
      expect(first.total).toBe(REDIRECTS_PAGE_SIZE + 5);
      expect(first.rows).toHaveLength(REDIRECTS_PAGE_SIZE);
      expect((await listRedirects(storage.db, { page: 2, query: '/MANY/' })).rows).toHaveLength(5);
      expect((await listRedirects(storage.db, { page: 1, query: 'n-7' })).rows.map((r) => r.from)).toEqual(['/many/7']);
      const greek = await listRedirects(storage.db, { page: 1, query: 'αθ' });
      expect(greek.rows.map((r) => r.to)).toEqual(['/politics/athens-budget-1']);
      expect(greek.rows[0]!.source).toBe('wordpress');
      expect(typeof greek.rows[0]!.createdAt).toBe('number');
      // A LIKE wildcard typed is looked for as itself: only the address with escapes in it has a "%".
      const percent = await listRedirects(storage.db, { page: 1, query: '%' });
      expect(percent.rows.map((r) => r.to)).toEqual(['/politics/athens-budget-1']);
    });
  });
}
