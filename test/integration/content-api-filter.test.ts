import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { startContentApiServer, type ContentApiServer } from '../support/content-api-server.js';
import { ghostContentClient, type GhostContentClient } from '../support/ghost-content-client.js';
import { NQL_PIECES } from '../support/nql-pieces.js';

const DEFENCE = 'Defence Chiefs of Two Neighbours Plan Talks to Mend Ties';
/** A Business article tagged "politics", bylined Mei Aoki then Tom Baker: the newest of all. */
const TRADE = 'Trade talks stall';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Content API filters (NQL) on ${backend.name}`, () => {
    let storage: TestStorage;
    let server: ContentApiServer;
    let ids: FixtureIds;
    let api: GhostContentClient;
    let origin: string;
    let key: string;

    const titles = async (filter: string, limit: number | 'all' = 'all') =>
      (await api.posts.browse({ filter, limit })).map((p) => p.title);

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await saveArticle(
        storage.db,
        null,
        {
          slug: 'trade-talks-stall',
          headline: TRADE,
          standfirst: null,
          body: [paragraph('Negotiators left without a date for the next round.')],
          sectionId: ids.sections.business,
          authorIds: [ids.authors.aoki, ids.authors.baker],
          tags: ['politics'],
          photo: null,
          status: 'published',
          publishedAt: new Date(FIXTURE_NOW.getTime() - 30 * 60_000),
          updatedAt: null,
        },
        FIXTURE_NOW,
      );
      server = await startContentApiServer(storage, FIXTURE_NOW, 'Front end');
      ({ origin, key } = server);
      api = ghostContentClient(origin, key);
    });
    afterAll(async () => {
      await server?.close();
      await storage?.destroy();
    });

    it('finds by tag both the section of that slug and the articles tagged so; by primary_tag the section alone', async () => {
      const politics = ['Politics story 7', 'Budget vote delayed by a day', 'Politics story 5', 'Politics story 3'];
      expect(await titles('tag:politics')).toEqual([TRADE, ...politics, 'Politics story 1']);
      expect(await titles('tags.slug:politics')).toEqual(await titles('tag:politics'));
      expect(await titles('primary_tag:politics')).toEqual([...politics, 'Politics story 1']);
    });

    it('finds by author any byline, and by primary_author the first', async () => {
      expect(await titles('author:tom-baker')).toEqual([TRADE, DEFENCE]);
      expect(await titles('primary_author:tom-baker')).toEqual([DEFENCE]);
    });

    it('finds featured posts, the home page’s top stories', async () => {
      expect(await titles('featured:true')).toEqual([DEFENCE, 'Business story 3']);
    });

    it('compares dates, and combines with + (and), , (or), parentheses, lists and negation', async () => {
      expect(await titles("published_at:>'2026-01-21 00:35:00'")).toEqual([
        TRADE,
        DEFENCE,
        'Politics story 7',
        'Politics story 6',
      ]);
      expect(await titles('tag:-politics+primary_tag:business')).toEqual([
        'Business story 3',
        'Business story 2',
        'Business story 1',
      ]);
      expect(await titles("(primary_tag:business,featured:true)+published_at:<'2026-01-21'")).toEqual([
        'Business story 3',
        'Business story 2',
        'Business story 1',
      ]);
      expect(await titles('tag:[business,defense-security]')).toHaveLength(8);
      expect(await titles('tag:-[business,defense-security,politics]')).toEqual([]);
    });

    it('matches by slug, id and visibility, and counts only what the filter keeps', async () => {
      expect(await titles('slug:politics-story-1')).toEqual(['Politics story 1']);
      expect(await titles(`id:${ids.reference}`)).toEqual([DEFENCE]);
      expect(await titles('visibility:public')).toHaveLength(13);
      expect(await titles('visibility:paid')).toEqual([]);
      const page = await api.posts.browse({ filter: 'tag:test', limit: 5 });
      expect(page.meta.pagination).toMatchObject({ total: 12, pages: 3 });
    });

    it('answers any filter string with 200 or a 400 in Ghost’s envelope, never anything else', async () => {
      const filter = fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.array(fc.constantFrom(...NQL_PIECES), { maxLength: 14 }).map((parts) => parts.join('')),
      );
      await fc.assert(
        fc.asyncProperty(filter, async (text) => {
          const res = await fetch(`${origin}/ghost/api/content/posts/?key=${key}&filter=${encodeURIComponent(text)}`);
          expect([200, 400], text).toContain(res.status);
          const body = (await res.json()) as { posts?: unknown[]; errors?: { type: string }[] };
          if (res.status === 400) expect(body.errors?.[0]?.type).toBe('ValidationError');
          else expect(Array.isArray(body.posts)).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  });
}
