import { sql } from 'kysely';
import type { QueryTerm } from '../../domain/search-text.js';
import { SEARCH_COUNT_LIMIT, type SearchIndex } from './search-index.js';
import {
  FIELD_ORDER,
  HEADLINE_FIELDS,
  SUMMARY_FIELDS,
  facetConditions,
  facetTokens,
  fieldTokens,
  hitOfKey,
  keyRange,
  searchKey,
  termTokens,
} from './search-keys.js';

/**
 * PostgreSQL's index: `search_entry` rows with the document as a `tsvector` (GIN-indexed) and the facets as a
 * second one. Both are written as tsvector literals of our tokens and cast, never run through to_tsvector, so
 * PostgreSQL's parser and dictionaries never re-split or stem them; the queries are tsquery literals of the
 * same tokens. The fields are told apart by weights (headline A; standfirst, authors and tags B; body D), which is
 * how a relevance tier asks "every term in the headline" ('tok':A). Positions run on across fields with a gap,
 * so a phrase never spans two fields, as in FTS5, where a phrase lies inside one column.
 */
export const createPostgresSearchIndex = (): SearchIndex => ({
  name: 'postgres',

  async put(db, doc) {
    const key = searchKey(doc.kind, doc.id, doc.sortAt);
    const document = tsvectorLiteral(fieldTokens(doc.fields));
    const facets = facetTokens(doc)
      .map((t) => `'${t}'`)
      .join(' ');
    await sql`insert into search_entry (key, kind, ref_id, document, facets)
      values (${key}, ${doc.kind}, ${doc.id}, ${document}::tsvector, ${facets}::tsvector)
      on conflict (kind, ref_id) do update
      set key = excluded.key, document = excluded.document, facets = excluded.facets`.execute(db);
  },

  async remove(db, kind, id) {
    await sql`delete from search_entry where kind = ${kind} and ref_id = ${id}`.execute(db);
  },

  async clear(db) {
    await sql`delete from search_entry`.execute(db);
  },

  async search(db, request) {
    const { low, high } = keyRange(request);
    const terms = request.query.terms;
    const every = tsquery(terms, '');
    const conditions = facetConditions(request);
    const facets =
      conditions.length === 0
        ? sql`true`
        : sql`facets @@ ${conditions.map((tokens) => `(${tokens.map((t) => `'${t}'`).join(' | ')})`).join(' & ')}::tsquery`;
    const where = sql`document @@ ${every}::tsquery and ${facets} and key between ${low} and ${high}`;
    const order =
      request.sort === 'newest'
        ? sql`key desc`
        : sql`case when document @@ ${tsquery(terms, WEIGHTS.headline)}::tsquery then 1
            when document @@ ${tsquery(terms, WEIGHTS.summary)}::tsquery then 2 else 3 end, key desc`;
    const [rows, counted] = await Promise.all([
      sql<{ key: number }>`select key from search_entry where ${where}
        order by ${order} limit ${request.limit} offset ${request.offset}`.execute(db),
      sql<{ n: number }>`select count(*) as n from (select 1 from search_entry where ${where}
        limit ${SEARCH_COUNT_LIMIT + 1}) as matches`.execute(db),
    ]);
    const total = Number(counted.rows[0]?.n ?? 0);
    return {
      total: Math.min(total, SEARCH_COUNT_LIMIT),
      more: total > SEARCH_COUNT_LIMIT,
      hits: rows.rows.map((row) => hitOfKey(Number(row.key))),
    };
  },

  async sizeBytes(db) {
    const row = await sql<{
      bytes: number;
    }>`select pg_total_relation_size(to_regclass('search_entry')) as bytes`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
});

const FIELD_WEIGHT: Record<(typeof FIELD_ORDER)[number], string> = {
  headline: 'A',
  standfirst: 'B',
  people: 'B',
  tags: 'B',
  body: 'D',
};

const weightsOf = (fields: readonly (typeof FIELD_ORDER)[number][]): string =>
  [...new Set(fields.map((f) => FIELD_WEIGHT[f]))].join('');

/** The weight letters of a relevance tier's fields (SearchRequest.sort): the headline's, and the summary fields'. */
const WEIGHTS = { headline: weightsOf(HEADLINE_FIELDS), summary: weightsOf(SUMMARY_FIELDS) };

/** PostgreSQL keeps word positions up to 16,383 and at most 256 positions of one word. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TOKEN = 256;

/** `'tok':1A,9A 'other':3B …`: the tokens of each field with their positions and the field's weight. */
const tsvectorLiteral = (fields: string[][]): string => {
  const positions = new Map<string, string[]>();
  let position = 0;
  fields.forEach((tokens, i) => {
    const weight = FIELD_WEIGHT[FIELD_ORDER[i]!];
    // D is PostgreSQL's default weight and is written without a letter.
    const letter = weight === 'D' ? '' : weight;
    for (const token of tokens) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_TOKEN && list.at(-1) !== `${position}${letter}`)
        list.push(`${position}${letter}`);
      positions.set(token, list);
    }
    // A gap between fields: a phrase's words are at consecutive positions, so none crosses from one to the next.
    position = Math.min(position + 1, MAX_POSITION);
  });
  return [...positions].map(([token, list]) => `'${token}':${list.join(',')}`).join(' ');
};

/** Every term, each restricted to the weights given ('' for any field); a phrase as tokens at consecutive positions. */
const tsquery = (terms: readonly QueryTerm[], weights: string): string => {
  const suffix = weights === '' ? '' : `:${weights}`;
  return terms
    .map(
      (term) =>
        `(${termTokens(term)
          .map((t) => `'${t}'${suffix}`)
          .join(' <-> ')})`,
    )
    .join(' & ');
};
