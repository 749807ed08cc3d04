import { sql, type RawBuilder } from 'kysely';
import type { QueryTerm } from '../../domain/search-text.js';
import type { Db } from '../database.js';
import type { SearchIndex, SearchKind, SearchRequest } from './search-index.js';
import {
  FIELD_ORDER,
  HEADLINE_FIELDS,
  SUMMARY_FIELDS,
  sparseFacetConditions,
  sparseFacetTokens,
  statusesOf,
  fieldTokens,
  keyRange,
  searchKey,
  termTokens,
} from './search-keys.js';
import { tieredSearch, type Tier } from './tiered-search.js';

/**
 * The embedded default's index: FTS5 tables without stored content, tokenised by the `ascii` tokenizer, which
 * splits only at ASCII punctuation and spaces and so keeps each of our tokens whole. Their row id is the
 * document's key (search-keys.ts), so "newest first", what is live and the date range are FTS5's own row-id order
 * and range: no sort, no join. `search_entry` remembers each document's current key, which deleting from a
 * contentless table needs.
 *
 * Three tables, one per relevance tier: `search_headline` (headline), `search_summary` (headline, standfirst,
 * authors, tags) and `search_text` (all of them and the body), each with the facets. A tier is then read from a
 * table whose posting lists hold only that tier's fields. With one table, "both words in the headline" walked every
 * article where both words appear anywhere, checking the columns of each: 18 ms for two common words at 100,000
 * articles, 45 ms for a phrase, growing with the archive. The headline and summary columns are a tenth of an
 * article, so the two extra tables add about that much to the index.
 */
export const createSqliteSearchIndex = (): SearchIndex => ({
  name: 'sqlite',

  async put(db, doc) {
    await removeEntry(db, doc.kind, doc.id);
    const key = searchKey(doc.kind, doc.id, doc.sortAt);
    const [headline, standfirst, people, tags, body] = fieldTokens(doc.fields).map((tokens) => tokens.join(' '));
    const facets = sparseFacetTokens(doc).join(' ');
    await sql`insert into search_headline (rowid, headline, facets) values (${key}, ${headline}, ${facets})`.execute(
      db,
    );
    await sql`insert into search_summary (rowid, headline, standfirst, people, tags, facets)
      values (${key}, ${headline}, ${standfirst}, ${people}, ${tags}, ${facets})`.execute(db);
    await sql`insert into search_text (rowid, headline, standfirst, people, tags, body, facets)
      values (${key}, ${headline}, ${standfirst}, ${people}, ${tags}, ${body}, ${facets})`.execute(db);
    await sql`insert into search_entry (key, kind, ref_id, edition_id, status)
      values (${key}, ${doc.kind}, ${doc.id}, ${doc.editionId}, ${doc.status})`.execute(db);
  },

  async putMany(db, docs) {
    for (const doc of docs) await this.put(db, doc);
  },

  remove: (db, kind, id) => removeEntry(db, kind, id),

  // FTS5 has no index to set aside: its tables are the index.
  bulkLoad: (_db, load) => load(),

  async clear(db) {
    for (const table of TABLES) await sql`delete from ${sql.table(table)}`.execute(db);
    await sql`delete from search_entry`.execute(db);
  },

  async search(db, request) {
    const { low, high } = keyRange(request);
    const terms = request.query.terms;
    const facets = sparseFacetConditions(request).map(
      (tokens) => `facets : (${tokens.map((t) => `"${t}"`).join(' OR ')})`,
    );
    const withFacets = (text: string): string => [`(${text})`, ...facets].join(' AND ');
    const entry = entryConditions(request);

    const every = inColumns(FIELD_ORDER, terms);
    const matchOf: Record<Tier, [Table, string]> = {
      headline: ['search_headline', inColumns(HEADLINE_FIELDS, terms)],
      summary: ['search_summary', `(${inColumns(SUMMARY_FIELDS, terms)}) NOT (${inColumns(HEADLINE_FIELDS, terms)})`],
      every: ['search_text', every],
    };
    return tieredSearch(request, {
      newest: (tier, limit, offset) =>
        keysMatching(db, matchOf[tier][0], withFacets(matchOf[tier][1]), entry, low, high, limit, offset),
      count: (upTo) => countMatching(db, withFacets(every), entry, low, high, upTo),
    });
  },

  async sizeBytes(db) {
    const row = await sql<{ bytes: number | null }>`select sum(pgsize) as bytes from dbstat
      where name like 'search_%'`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
});

const TABLES = ['search_headline', 'search_summary', 'search_text'] as const;
type Table = (typeof TABLES)[number];

/** Every term found within the given columns (each term in any of them; a phrase inside one). */
const inColumns = (columns: readonly string[], terms: readonly QueryTerm[]): string =>
  `{${columns.join(' ')}} : (${terms.map((term) => `"${termTokens(term).join(' ')}"`).join(' AND ')})`;

/**
 * The dense filters (edition, status, kind), checked on each hit through its `search_entry` row, found by the
 * key. As facets inside the full-text query they made FTS5 walk posting lists holding most of the archive
 * ("e1" in 80% of a million articles, "stpublished" in 96%): a headline tier took 54 ms with them, 0.7 ms without.
 * Checked afterwards, they cost one primary-key lookup per hit, and most hits pass.
 */
const entryConditions = (request: SearchRequest): RawBuilder<unknown>[] => {
  const conditions: RawBuilder<unknown>[] = [];
  if (request.editionId !== undefined) conditions.push(sql`e.edition_id = ${request.editionId}`);
  const statuses = statusesOf(request);
  if (statuses !== undefined) conditions.push(sql`e.status in (${sql.join(statuses)})`);
  if (request.kinds !== undefined) conditions.push(sql`e.kind in (${sql.join(request.kinds)})`);
  return conditions;
};

/** `and …` for each condition, or nothing. */
const andAll = (conditions: RawBuilder<unknown>[]) =>
  conditions.length === 0 ? sql`` : sql` and ${sql.join(conditions, sql` and `)}`;

const keysMatching = async (
  db: Db,
  table: Table,
  match: string,
  entry: RawBuilder<unknown>[],
  low: number,
  high: number,
  limit: number,
  offset: number,
): Promise<number[]> =>
  (
    await sql<{ key: number }>`select t.rowid as key from ${sql.table(table)} as t
      join search_entry as e on e.key = t.rowid
      where t.${sql.table(table)} match ${match} and t.rowid between ${low} and ${high}${andAll(entry)}
      order by t.rowid desc limit ${limit} offset ${offset}`.execute(db)
  ).rows.map((row) => row.key);

/** How many entries match, counting no further than `upTo`: FTS5 stops walking the posting lists there. */
const countMatching = async (
  db: Db,
  match: string,
  entry: RawBuilder<unknown>[],
  low: number,
  high: number,
  upTo: number,
): Promise<number> =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from (select 1 from search_text as t
        join search_entry as e on e.key = t.rowid
        where t.search_text match ${match} and t.rowid between ${low} and ${high}${andAll(entry)}
        limit ${upTo})`.execute(db)
    ).rows[0]?.n ?? 0,
  );

const removeEntry = async (db: Db, kind: SearchKind, id: number): Promise<void> => {
  const old = await sql<{ key: number }>`select key from search_entry where kind = ${kind} and ref_id = ${id}`.execute(
    db,
  );
  const key = old.rows[0]?.key;
  if (key === undefined) return;
  for (const table of TABLES) await sql`delete from ${sql.table(table)} where rowid = ${key}`.execute(db);
  await sql`delete from search_entry where key = ${key}`.execute(db);
};
