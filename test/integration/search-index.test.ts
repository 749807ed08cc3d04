import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/domain/search-text.js';
import { SEARCH_COUNT_LIMIT, type SearchDocument, type SearchRequest } from '../../src/storage/search/search-index.js';
import { searchIndexOf } from '../../src/storage/search/search-indexing.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * The search index's contract (issue 15, record 0017), run with the same documents on every backend: each
 * expectation is checked on each, so SQLite's FTS5 and PostgreSQL's tsvector give the same hits in the same order.
 */
const NOW = Date.UTC(2026, 10, 20, 12, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const EN = 1;
const JA = 2;
const POLITICS = 10;
const DEFENCE = 11; // a subsection of politics: the caller expands a section to its subsections
const BUSINESS = 12;
const ANNA = 100;
const KENJI = 101;
const WRITER = 7;

const doc = (
  id: number,
  fields: Partial<SearchDocument['fields']>,
  extra: Partial<Omit<SearchDocument, 'fields' | 'id'>> = {},
): SearchDocument => ({
  kind: 'article',
  id,
  editionId: EN,
  sectionId: POLITICS,
  authorIds: [],
  status: 'published',
  createdBy: null,
  sortAt: NOW - id * HOUR,
  ...extra,
  fields: { headline: '', standfirst: '', body: '', people: '', tags: '', ...fields },
});

const DOCUMENTS: SearchDocument[] = [
  doc(1, { headline: 'Tanker crews refuel at sea', body: 'A long night on deck.' }, { sortAt: NOW - 5 * DAY }),
  doc(2, { headline: 'Harbour report', body: 'Crews were refueling the tanker before dawn.' }, { sortAt: NOW - DAY }),
  doc(
    3,
    { headline: 'Port refuels its ferries', body: 'Quiet week.' },
    { sortAt: NOW - 10 * DAY, sectionId: BUSINESS },
  ),
  doc(4, { headline: 'Draft about refueling' }, { status: 'draft', createdBy: WRITER, sortAt: NOW - 2 * HOUR }),
  doc(5, { headline: 'Refuel plan embargoed' }, { sortAt: NOW + HOUR }),
  doc(6, { headline: 'Scheduled refuel story' }, { status: 'scheduled', sortAt: NOW + DAY }),
  doc(
    7,
    { headline: 'Budget talks', standfirst: 'The prime minister met the unions.', people: 'Anna Berg' },
    {
      authorIds: [ANNA],
      sortAt: NOW - 3 * DAY,
    },
  ),
  doc(8, { headline: 'Letters', body: 'The minister of prime importance was absent.' }, { sortAt: NOW - 4 * DAY }),
  doc(
    9,
    { headline: 'Café culture', body: 'A naïve résumé of Straße life, with ＮＡＴＯ and ｶﾒﾗ.' },
    { sortAt: NOW - 6 * DAY },
  ),
  doc(
    10,
    { headline: 'Unions', tags: 'Budget\nLabour' },
    { sortAt: NOW - 7 * DAY, sectionId: DEFENCE, authorIds: [KENJI] },
  ),
  doc(
    20,
    { headline: '防衛省が弾道ミサイルの発射を確認', body: '国会で説明した。' },
    { editionId: JA, sortAt: NOW - DAY },
  ),
  doc(
    21,
    { headline: '国会の会期末', body: '防衛費の議論が続いた。ミサイルの発射について質問が出た。' },
    {
      editionId: JA,
      sortAt: NOW - 2 * DAY,
    },
  ),
  doc(
    22,
    { headline: 'Tokyo briefing', body: '防衛 and defence in one text.' },
    { editionId: JA, sortAt: NOW - 3 * DAY },
  ),
  {
    ...doc(30, { headline: 'About this newspaper', body: 'How to reach the newsroom to refuel our reporting.' }),
    kind: 'page',
    sectionId: null,
    sortAt: NOW - 30 * DAY,
  },
];

/** A fixed batch of ballast documents for paging: 25 that all say "ballast", one a minute apart. */
const BALLAST: SearchDocument[] = Array.from({ length: 25 }, (_, i) =>
  doc(
    100 + i,
    { headline: i % 3 === 0 ? 'Ballast news' : 'Other news', body: 'ballast water' },
    {
      sortAt: NOW - 40 * DAY - i * 60_000,
      editionId: 3,
    },
  ),
);

const reader = (q: string, extra: Partial<SearchRequest> = {}): SearchRequest => ({
  query: parseQuery(q),
  editionId: EN,
  liveAt: NOW,
  sort: 'relevance',
  offset: 0,
  limit: 20,
  ...extra,
});

const available = BACKENDS.filter((b) => b.skipReason === null);

describe(`the search index on ${available.map((b) => b.name).join(' and ')}`, () => {
  const stores: { name: string; storage: TestStorage }[] = [];
  beforeAll(async () => {
    for (const backend of available) {
      const storage = await backend.open();
      stores.push({ name: backend.name, storage });
      const index = searchIndexOf(storage.db);
      for (const d of [...DOCUMENTS, ...BALLAST]) await index.put(storage.db, d);
    }
  }, 60_000);
  afterAll(async () => {
    for (const { storage } of stores) await storage.destroy();
  });

  /** The hits on every backend, as "article:1" strings; fails unless all backends agree. */
  const search = async (request: SearchRequest): Promise<{ total: number; more: boolean; hits: string[] }> => {
    const answers = await Promise.all(
      stores.map(async ({ storage }) => {
        const result = await searchIndexOf(storage.db).search(storage.db, request);
        return { total: result.total, more: result.more, hits: result.hits.map((h) => `${h.kind}:${h.id}`) };
      }),
    );
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
    return answers[0]!;
  };
  const ids = async (request: SearchRequest): Promise<string[]> => (await search(request)).hits;

  it('ranks headline matches above body matches, newer first among equals, and finds stems', async () => {
    // 1 and 3 have "refuel" in the headline (1 is newer), 2 in the body; the page mentions it in its body.
    expect(await ids(reader('refuel'))).toEqual(['article:1', 'article:3', 'article:2', 'page:30']);
    expect(await ids(reader('REFUELED'))).toEqual(['article:1', 'article:3', 'article:2', 'page:30']);
  });

  it('orders by time alone when asked for the newest', async () => {
    expect(await ids(reader('refuel', { sort: 'newest' }))).toEqual(['article:2', 'article:1', 'article:3', 'page:30']);
  });

  it('ranks standfirst, author and tag matches between headline and body matches', async () => {
    // 10 has "budget" as a tag and 7 in the headline; "unions" is 10's headline and 7's standfirst.
    expect(await ids(reader('budget'))).toEqual(['article:7', 'article:10']);
    expect(await ids(reader('unions'))).toEqual(['article:10', 'article:7']);
    expect(await ids(reader('anna berg'))).toEqual(['article:7']);
  });

  it('never shows readers a draft, a scheduled article or one whose time has not come', async () => {
    const found = await ids(reader('refuel'));
    for (const hidden of ['article:4', 'article:5', 'article:6']) expect(found).not.toContain(hidden);
    // An hour later, article 5 is live (its minute has begun).
    expect(await ids(reader('embargoed', { liveAt: NOW + HOUR + 60_000 }))).toEqual(['article:5']);
    expect(await ids(reader('embargoed', { liveAt: NOW + HOUR - 1 }))).toEqual([]);
  });

  it('lets the newsroom find every status, and a writer their own', async () => {
    const newsroom = { liveAt: undefined, kinds: ['article' as const] };
    expect(await ids(reader('refuel', newsroom))).toEqual([
      'article:6',
      'article:5',
      'article:4',
      'article:1',
      'article:3',
      'article:2',
    ]);
    expect(await ids(reader('refuel', { ...newsroom, createdBy: WRITER }))).toEqual(['article:4']);
    expect(await ids(reader('refuel', { ...newsroom, statuses: ['scheduled', 'draft'] }))).toEqual([
      'article:6',
      'article:4',
    ]);
  });

  it('finds phrases only where their words stand together', async () => {
    expect(await ids(reader('"prime minister"'))).toEqual(['article:7']);
    expect(await ids(reader('prime minister'))).toEqual(['article:7', 'article:8']);
  });

  it('folds case, accents and full-width or half-width forms', async () => {
    for (const q of ['cafe', 'NAIVE', 'resume', 'strasse', 'nato', 'ＮＡＴＯ', 'カメラ', 'ｶﾒﾗ']) {
      expect(await ids(reader(q)), q).toEqual(['article:9']);
    }
  });

  it('finds Japanese words inside unspaced text, two characters or longer', async () => {
    const ja = { editionId: JA };
    // 20 has it in the headline; 21 (防衛費) and 22 in the body, 21 newer.
    expect(await ids(reader('防衛', ja))).toEqual(['article:20', 'article:21', 'article:22']);
    expect(await ids(reader('国会', ja))).toEqual(['article:21', 'article:20']);
    expect(await ids(reader('弾道ミサイル', ja))).toEqual(['article:20']);
    // The words must be next to each other: 21 says ミサイルの発射.
    expect(await ids(reader('ミサイル発射', ja))).toEqual([]);
    expect(await ids(reader('ﾐｻｲﾙ', ja))).toEqual(['article:20', 'article:21']);
    expect(await ids(reader('defence 防衛', ja))).toEqual(['article:22']);
  });

  it('keeps each edition to its own documents', async () => {
    expect(await ids(reader('防衛'))).toEqual([]);
    expect(await ids(reader('refuel', { editionId: JA }))).toEqual([]);
  });

  it('filters by sections, author, kind and date range', async () => {
    expect(await ids(reader('refuel', { sectionIds: [BUSINESS] }))).toEqual(['article:3']);
    expect(await ids(reader('unions', { sectionIds: [POLITICS, DEFENCE] }))).toEqual(['article:10', 'article:7']);
    expect(await ids(reader('unions', { authorId: KENJI }))).toEqual(['article:10']);
    expect(await ids(reader('refuel', { kinds: ['page'] }))).toEqual(['page:30']);
    // Article 1 went live exactly five days ago: a range that starts then includes it, one that ends then does not.
    expect(await ids(reader('refuel', { from: NOW - 5 * DAY, to: NOW }))).toEqual(['article:1', 'article:2']);
    expect(await ids(reader('refuel', { from: NOW - 11 * DAY, to: NOW - 5 * DAY }))).toEqual(['article:3']);
  });

  it('pages through tiers without losing or repeating a document', async () => {
    const all = await search(reader('ballast', { editionId: 3, limit: 100 }));
    expect(all.total).toBe(25);
    // The nine "Ballast news" headlines first (every third, newest first), then the rest.
    expect(all.hits.slice(0, 9)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24].map((i) => `article:${100 + i}`));
    const paged: string[] = [];
    for (let offset = 0; offset < 30; offset += 7) {
      const page = await search(reader('ballast', { editionId: 3, offset, limit: 7 }));
      expect(page.total).toBe(25);
      paged.push(...page.hits);
    }
    expect(paged).toEqual(all.hits);
  });

  it('counts matches exactly up to the limit and says when there are more', async () => {
    const many = Array.from({ length: SEARCH_COUNT_LIMIT + 5 }, (_, i) =>
      doc(1000 + i, { body: 'flotsam' }, { editionId: 4, sectionId: i < 10 ? BUSINESS : POLITICS }),
    );
    for (const { storage } of stores) {
      await storage.db.transaction().execute(async (trx) => {
        for (const d of many) await searchIndexOf(trx).put(trx, d);
      });
    }
    const all = await search(reader('flotsam', { editionId: 4 }));
    expect(all).toMatchObject({ total: SEARCH_COUNT_LIMIT, more: true });
    expect(await search(reader('flotsam', { editionId: 4, sectionIds: [BUSINESS] }))).toMatchObject({
      total: 10,
      more: false,
    });
    // A page far down still comes back, tiers skipped by counting only as far as needed.
    const deep = await search(reader('flotsam', { editionId: 4, offset: 990, limit: 20 }));
    expect(deep.hits).toHaveLength(15);
  });

  it('replaces and removes documents', async () => {
    for (const { storage } of stores) {
      const index = searchIndexOf(storage.db);
      await index.put(storage.db, doc(40, { headline: 'Lighthouse keeper retires' }, { sortAt: NOW - DAY }));
      await index.put(storage.db, doc(40, { headline: 'Lighthouse keeper stays on' }, { sortAt: NOW - 2 * DAY }));
    }
    expect(await ids(reader('retires'))).toEqual([]);
    expect(await ids(reader('lighthouse stays'))).toEqual(['article:40']);
    for (const { storage } of stores) await searchIndexOf(storage.db).remove(storage.db, 'article', 40);
    expect(await ids(reader('lighthouse'))).toEqual([]);
  });

  it('treats every query as data', async () => {
    const nasty = [
      '"',
      '""',
      'refuel"',
      '*',
      'refuel*',
      'NEAR(refuel tanker)',
      'refuel OR harbour',
      'refuel AND NOT tanker',
      '-refuel',
      'headline:refuel',
      '{headline}: refuel',
      '^refuel',
      '(refuel',
      'refuel)',
      'refuel\\',
      "refuel'",
      "'); drop table search_entry; --",
      '%',
      '_',
      'a_b%c',
      '\u0000refuel\u0007',
      '!refuel & tanker | crews <-> sea',
      'x'.repeat(10_000),
      'refuel '.repeat(2_000),
    ];
    for (const q of nasty) {
      const request = reader(q);
      if (request.query.terms.length === 0) continue;
      await expect(search(request), q.slice(0, 40)).resolves.toBeDefined();
    }
    // Punctuation around a word is not an operator; OR and NEAR are words like any other.
    const refuel = await ids(reader('refuel'));
    for (const q of ['-refuel', 'refuel*', '(refuel', '^refuel', ':refuel', '"refuel', 'refuel\\']) {
      expect(await ids(reader(q)), q).toEqual(refuel);
    }
    expect(await ids(reader('refuel OR harbour'))).toEqual([]);
  });

  it('agrees on both backends for any query drawn from the documents’ words', async () => {
    const words = [
      ...new Set(
        DOCUMENTS.flatMap((d) =>
          Object.values(d.fields)
            .join(' ')
            .split(/[\s.,]+/),
        ).filter((w) => w),
      ),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom<'relevance' | 'newest'>('relevance', 'newest'),
        fc.constantFrom(EN, JA),
        async (picked, quoted, sort, editionId) => {
          const q = quoted ? `"${picked.join(' ')}"` : picked.join(' ');
          const request = reader(q, { sort, editionId });
          if (request.query.terms.length > 0) await search(request);
        },
      ),
      { numRuns: 60 },
    );
  });
});
