import { sql } from 'kysely';
import type { QueryTerm } from '../domain/search-text.js';
import type { Db } from '../storage/database.js';
import { SEARCH_COUNT_LIMIT, type SearchIndex, type SearchKind } from './search-index.js';
import {
  FIELD_ORDER,
  RELEVANCE_TIERS,
  facetConditions,
  facetTokens,
  fieldTokens,
  hitOfKey,
  keyRange,
  searchKey,
  termTokens,
} from './search-keys.js';
import { pageThroughTiers } from './tiers.js';

/**
 * The embedded default's index: an FTS5 table without stored content (`search_text`, columns in FIELD_ORDER
 * and then the facets), tokenised by its `ascii` tokenizer, which splits only at ASCII punctuation and spaces and
 * so keeps each of our tokens whole. Its row id is the document's key (search-keys.ts), so "newest first", what
 * is live and the date range are FTS5's own row-id order and range, with no sort and no join; `search_entry`
 * remembers each document's current key, which a contentless table needs to delete the old entry.
 */
export const createSqliteSearchIndex = (): SearchIndex => ({
  name: 'sqlite',

  async put(db, doc) {
    await removeEntry(db, doc.kind, doc.id);
    const key = searchKey(doc.kind, doc.id, doc.sortAt);
    const [headline, standfirst, people, tags, body] = fieldTokens(doc.fields).map((tokens) => tokens.join(' '));
    await sql`insert into search_text (rowid, headline, standfirst, people, tags, body, facets)
      values (${key}, ${headline}, ${standfirst}, ${people}, ${tags}, ${body}, ${facetTokens(doc).join(' ')})`.execute(
      db,
    );
    await sql`insert into search_entry (key, kind, ref_id) values (${key}, ${doc.kind}, ${doc.id})`.execute(db);
  },

  remove: (db, kind, id) => removeEntry(db, kind, id),

  async clear(db) {
    await sql`delete from search_text`.execute(db);
    await sql`delete from search_entry`.execute(db);
  },

  async search(db, request) {
    const { low, high } = keyRange(request);
    const facets = facetConditions(request).map((tokens) => `facets : (${tokens.map((t) => `"${t}"`).join(' OR ')})`);
    const withFacets = (text: string): string => [`(${text})`, ...facets].join(' AND ');
    const page = (match: string, limit: number, offset: number) => keysMatching(db, match, low, high, limit, offset);
    const count = (match: string, upTo: number) => countMatching(db, match, low, high, upTo);

    const every = withFacets(inColumns(FIELD_ORDER, request.query.terms));
    const counted = count(every, SEARCH_COUNT_LIMIT + 1);
    const answer = async (keys: Promise<number[]>) => {
      const total = await counted;
      return {
        total: Math.min(total, SEARCH_COUNT_LIMIT),
        more: total > SEARCH_COUNT_LIMIT,
        hits: (await keys).map(hitOfKey),
      };
    };
    if (request.sort === 'newest') return answer(page(every, request.limit, request.offset));
    // Each tier is the next wider set of fields minus the narrower one, so a document is in exactly one tier.
    const tiers = RELEVANCE_TIERS.map((fields, i) => {
      const wider = inColumns(fields, request.query.terms);
      const narrower = RELEVANCE_TIERS[i - 1];
      return withFacets(narrower ? `(${wider}) NOT (${inColumns(narrower, request.query.terms)})` : wider);
    });
    return answer(pageThroughTiers(tiers, request.offset, request.limit, page, count));
  },

  async sizeBytes(db) {
    const row = await sql<{ bytes: number | null }>`select sum(pgsize) as bytes from dbstat
      where name like 'search_text%' or name like 'search_entry%'`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
});

/** Every term found within the given columns (each term in any of them; a phrase inside one). */
const inColumns = (columns: readonly string[], terms: readonly QueryTerm[]): string =>
  `{${columns.join(' ')}} : (${terms.map((term) => `"${termTokens(term).join(' ')}"`).join(' AND ')})`;

const keysMatching = async (
  db: Db,
  match: string,
  low: number,
  high: number,
  limit: number,
  offset: number,
): Promise<number[]> =>
  (
    await sql<{ key: number }>`select rowid as key from search_text
      where search_text match ${match} and rowid between ${low} and ${high}
      order by rowid desc limit ${limit} offset ${offset}`.execute(db)
  ).rows.map((row) => row.key);

/** How many entries match, counting no further than `upTo`: FTS5 stops walking the posting lists there. */
const countMatching = async (db: Db, match: string, low: number, high: number, upTo: number): Promise<number> =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from (select 1 from search_text
        where search_text match ${match} and rowid between ${low} and ${high} limit ${upTo})`.execute(db)
    ).rows[0]?.n ?? 0,
  );

const removeEntry = async (db: Db, kind: SearchKind, id: number): Promise<void> => {
  const old = await sql<{ key: number }>`select key from search_entry where kind = ${kind} and ref_id = ${id}`.execute(
    db,
  );
  const key = old.rows[0]?.key;
  if (key === undefined) return;
  await sql`delete from search_text where rowid = ${key}`.execute(db);
  await sql`delete from search_entry where key = ${key}`.execute(db);
};
