import { sql, type RawBuilder } from 'kysely';
import type { QueryTerm } from '../../domain/search-text.js';
import type { Db } from '../database.js';
import type { SearchDocument, SearchIndex } from './search-index.js';
import {
  HEADLINE_FIELDS,
  SUMMARY_FIELDS,
  facetConditions,
  facetTokens,
  fieldTokens,
  keyRange,
  searchKey,
  termTokens,
} from './search-keys.js';
import { tieredSearch, type Tier } from './tiered-search.js';

/**
 * PostgreSQL's index: `search_entry` rows holding each relevance tier's text as a `tsvector` of its own, each
 * GIN-indexed (`headline`; `summary`: headline, standfirst, authors and tags; `document`: those and the body), and
 * the facets as a fourth. All are written as tsvector literals of our tokens and cast, never run through
 * to_tsvector, so PostgreSQL's parser and dictionaries never re-split or stem them; the queries are tsquery
 * literals of the same tokens. Positions run on across fields with a gap, so a phrase never spans two fields, as
 * in FTS5, where a phrase lies inside one column.
 *
 * A tier of its own column lets its GIN index find that tier's matches alone. With one weighted document
 * ('tok':A for the headline) every match had to be read back and rechecked for its weights before the order was
 * known: 225 ms for a common word at 100,000 articles.
 */
export const createPostgresSearchIndex = (): SearchIndex => ({
  name: 'postgres',

  async put(db, doc) {
    await putEntries(db, [doc]);
  },

  async putMany(db, docs) {
    // 7 parameters a document: a batch of a thousand stays far below PostgreSQL's 65,535.
    for (let at = 0; at < docs.length; at += PUT_BATCH) await putEntries(db, docs.slice(at, at + PUT_BATCH));
  },

  async bulkLoad(db, load) {
    const gin = await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition
      from pg_indexes where schemaname = current_schema() and tablename = 'search_entry'
        and indexdef like '% USING gin %'`.execute(db);
    for (const { name } of gin.rows) await sql`drop index ${sql.id(name)}`.execute(db);
    const loaded = await load();
    // The definitions as the catalog wrote them (fastupdate=off included): the same indexes, built whole.
    for (const { definition } of gin.rows) await sql.raw(definition).execute(db);
    return loaded;
  },

  async remove(db, kind, id) {
    await sql`delete from search_entry where kind = ${kind} and ref_id = ${id}`.execute(db);
  },

  async clear(db) {
    await sql`delete from search_entry`.execute(db);
  },

  async search(db, request) {
    const { low, high } = keyRange(request);
    const query = tsquery(request.query.terms);
    const conditions = facetConditions(request);
    const facets =
      conditions.length === 0
        ? sql`true`
        : sql`facets @@ ${conditions.map((tokens) => `(${tokens.map((t) => `'${t}'`).join(' | ')})`).join(' & ')}::tsquery`;
    const matchOf: Record<Tier, RawBuilder<unknown>> = {
      headline: sql`headline @@ ${query}::tsquery`,
      summary: sql`summary @@ ${query}::tsquery and not headline @@ ${query}::tsquery`,
      every: sql`document @@ ${query}::tsquery`,
    };
    const where = (tier: Tier) => sql`${matchOf[tier]} and ${facets} and key between ${low} and ${high}`;
    return tieredSearch(request, {
      newest: async (tier, limit, offset) =>
        (
          await sql<{ key: number }>`select key from search_entry where ${where(tier)}
            order by key desc limit ${limit} offset ${offset}`.execute(db)
        ).rows.map((row) => Number(row.key)),
      count: async (upTo) =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from (select 1 from search_entry where ${where('every')}
              limit ${upTo}) as matches`.execute(db)
          ).rows[0]?.n ?? 0,
        ),
    });
  },

  async sizeBytes(db) {
    const row = await sql<{
      bytes: number;
    }>`select pg_total_relation_size(to_regclass('search_entry')) as bytes`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  },
});

const PUT_BATCH = 1000;

/** One insert for the documents, each replacing what the index held for its kind and id. */
const putEntries = async (db: Db, docs: readonly SearchDocument[]): Promise<void> => {
  if (docs.length === 0) return;
  const rows = docs.map((doc) => {
    const fields = fieldTokens(doc.fields);
    const facets = facetTokens(doc)
      .map((t) => `'${t}'`)
      .join(' ');
    const headline = tsvectorLiteral(fields.slice(0, HEADLINE_FIELDS.length));
    const summary = tsvectorLiteral(fields.slice(0, SUMMARY_FIELDS.length));
    const document = tsvectorLiteral(fields);
    return sql`(${searchKey(doc.kind, doc.id, doc.sortAt)}, ${doc.kind}, ${doc.id}, ${headline}::tsvector,
      ${summary}::tsvector, ${document}::tsvector, ${facets}::tsvector)`;
  });
  await sql`insert into search_entry (key, kind, ref_id, headline, summary, document, facets)
    values ${sql.join(rows)}
    on conflict (kind, ref_id) do update
    set key = excluded.key, headline = excluded.headline, summary = excluded.summary,
      document = excluded.document, facets = excluded.facets`.execute(db);
};

/** PostgreSQL keeps word positions up to 16,383 and at most 256 positions of one word. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TOKEN = 256;

/** `'tok':1,9 'other':3 …`: the tokens of each field with their positions. */
const tsvectorLiteral = (fields: string[][]): string => {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const tokens of fields) {
    for (const token of tokens) {
      position = Math.min(position + 1, MAX_POSITION);
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_TOKEN && list.at(-1) !== position) list.push(position);
      positions.set(token, list);
    }
    // A gap between fields: a phrase's words are at consecutive positions, so none crosses from one to the next.
    position = Math.min(position + 1, MAX_POSITION);
  }
  return [...positions].map(([token, list]) => `'${token}':${list.join(',')}`).join(' ');
};

/** Every term; a phrase as tokens at consecutive positions. */
const tsquery = (terms: readonly QueryTerm[]): string =>
  terms
    .map(
      (term) =>
        `(${termTokens(term)
          .map((t) => `'${t}'`)
          .join(' <-> ')})`,
    )
    .join(' & ');
