import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePostFilter, type PostFilter } from '../../src/domain/content-filter.js';
import { countLivePostRows, livePostIdRows } from '../../src/storage/repositories/content-api.repository.js';
import { visible } from '../../src/storage/repositories/article.repository.js';
import { postFilterCondition } from '../../src/storage/repositories/content-filter.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * The Content API's statements compiled once per filter shape (src/storage/repositories/compiled-filter.ts): the
 * same shapes asked with other values, one after the other, answer exactly what a statement built for each request
 * with its own values answers, on both databases.
 */

/** Ghost's default order of posts, as the query parser gives it. */
const NEWEST_FIRST = [{ field: 'published_at', direction: 'desc' as const }];

const filterOf = (text: string): PostFilter => {
  const parsed = parsePostFilter(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.context}`);
  return parsed.filter;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`filters compiled once per shape, on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: number[];
    const now = FIXTURE_NOW.getTime();

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      ids = (await storage.db.selectFrom('article').select('id').where(visible(now)).orderBy('id').execute()).map(
        (r) => r.id,
      );
    });
    afterAll(async () => storage?.destroy());

    /** What a statement built for this request alone answers: the oracle. */
    const direct = async (filter: PostFilter, limit: number, offset: number) => {
      const q = storage.db
        .selectFrom('article')
        .where(visible(now))
        .where((eb) => postFilterCondition(eb, filter));
      const n = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .select('article.id')
        .orderBy('article.published_at', 'desc')
        .orderBy('article.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
      return { total: Number(n.n), ids: rows.map((r) => r.id) };
    };

    it('answers each value of a shape as its own statement does', async () => {
      expect(ids.length).toBeGreaterThan(3);
      const [a, b, c] = ids as [number, number, number];
      // Each group shares a shape; groups differ in form (a boolean, an id that is not one, a negation).
      const texts = [
        `id:-${a}`,
        `id:-${b}`,
        `id:-${c}`,
        `id:-[${a},${b}]`,
        `id:-[${b},${c}]`,
        `id:${a}`,
        `id:${c}`,
        'id:abc',
        'id:-abc',
        'tag:politics',
        'tag:business',
        'tag:no-such-tag',
        'primary_tag:politics',
        'primary_tag:national',
        "slug:'2026'",
        'slug:no-such-slug',
        "published_at:>'2026-01-10'",
        "published_at:>'2026-01-20'",
        "published_at:<='2026-01-15'",
        'featured:true',
        'featured:false',
        `tag:politics+id:-${a}`,
        `tag:business+id:-${b}`,
        `(tag:politics,tag:business)+id:-[${a},${c}]`,
        `(tag:national,tag:sports)+id:-[${b},${a}]`,
        'author:no-such-author',
        'primary_author:no-such-author',
        'visibility:public',
        'visibility:paid',
      ];
      for (const round of [0, 1]) {
        for (const text of texts) {
          const filter = filterOf(text);
          const [limit, offset] = round === 0 ? [15, 0] : [2, 1];
          const expected = await direct(filter, limit, offset);
          const total = await countLivePostRows(storage.db, now, filter);
          const page = await livePostIdRows(storage.db, now, filter, NEWEST_FIRST, limit, offset);
          expect({ total, ids: page.map((r) => r.id) }, `${text} (${limit}, ${offset})`).toEqual(expected);
        }
      }
      // Without a filter, at another time: the clock is a value too.
      const earlier = now - 5 * 86_400_000;
      const all = await storage.db
        .selectFrom('article')
        .select((eb) => eb.fn.countAll().as('n'))
        .where(visible(earlier))
        .executeTakeFirstOrThrow();
      expect(await countLivePostRows(storage.db, earlier, null)).toBe(Number(all.n));
    });
  });
}
