import { indexTokens, type QueryTerm } from '../../domain/search-text.js';
import type { SearchDocument, SearchFields, SearchKind, SearchRequest } from './search-index.js';

/**
 * What both indexes share (record 0017): the document key, the filter tokens and the field order. Pure.
 *
 * The key is the row id of the index entry and carries the order: the minute after sortAt, then the kind, then
 * the id, packed as minute·2^26 + kind·2^25 + id (below 2^53, so a JS number holds it). "Newest first" is then
 * key order, which FTS5 walks from its own row ids without sorting, stopping after a page; "live at t" and
 * "from … to" are ranges of keys. The minute is the one after sortAt's, so a key range never lets in a
 * document early: an article live at 13:01:30 is found from 13:02:00.
 */
const ID_BITS = 2 ** 25;
const KIND_SPAN = 2 ** 26;
const MINUTE = 60_000;
/** The largest minute a key holds (the year 2097); earlier and later times are clamped. */
const MAX_MINUTE = 2 ** 26 - 1;

/** Ids must stay below this for keys to stay unique: 33 million articles, and as many pages. */
export const MAX_SEARCH_ID = ID_BITS - 1;

export const searchKey = (kind: SearchKind, id: number, sortAt: number): number => {
  if (!Number.isSafeInteger(id) || id < 1 || id > MAX_SEARCH_ID) throw new RangeError(`search id out of range: ${id}`);
  return keyMinute(sortAt) * KIND_SPAN + (kind === 'page' ? ID_BITS : 0) + id;
};

/** The kind and id a key was made from. */
export const hitOfKey = (key: number): { kind: SearchKind; id: number } => {
  const low = ((key % KIND_SPAN) + KIND_SPAN) % KIND_SPAN;
  return { kind: low >= ID_BITS ? 'page' : 'article', id: low % ID_BITS };
};

/** The inclusive range of keys a request may see: its date range and, for readers, what is live. */
export const keyRange = (request: Pick<SearchRequest, 'liveAt' | 'from' | 'to'>): { low: number; high: number } => {
  let low = -MAX_MINUTE * KIND_SPAN;
  let high = MAX_MINUTE * KIND_SPAN + KIND_SPAN - 1;
  // sortAt in [from, to) ⇔ its key minute in [from/60000 + 1, to/60000], as from and to are whole minutes.
  if (request.from !== undefined) low = Math.max(low, keyMinute(request.from) * KIND_SPAN);
  if (request.to !== undefined) high = Math.min(high, (keyMinute(request.to) - 1) * KIND_SPAN + KIND_SPAN - 1);
  // Live when the minute after sortAt has begun by liveAt.
  if (request.liveAt !== undefined)
    high = Math.min(high, Math.floor(request.liveAt / MINUTE) * KIND_SPAN + KIND_SPAN - 1);
  return { low, high };
};

const keyMinute = (at: number): number => clamp(Math.floor(at / MINUTE) + 1, -MAX_MINUTE, MAX_MINUTE);

const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

/**
 * The filter tokens of a document, kept apart from its words (FTS5: their own column; PostgreSQL: their own
 * tsvector), so a filter never matches text and text never matches a filter. Each is in the token alphabet.
 * The sparse ones (section, author, creator) narrow a search best inside the full-text query; the dense ones
 * (edition, status, kind: most of an archive shares one value) cost less checked on each hit afterwards, which
 * the SQLite index does (sqlite-search-index.ts).
 */
export const sparseFacetTokens = (doc: SearchDocument): string[] => [
  ...(doc.sectionId === null ? [] : [`s${doc.sectionId}`]),
  ...doc.authorIds.map((id) => `a${id}`),
  ...(doc.createdBy === null ? [] : [`u${doc.createdBy}`]),
];

export const facetTokens = (doc: SearchDocument): string[] => [
  `k${doc.kind}`,
  `e${doc.editionId}`,
  `st${statusToken(doc.status)}`,
  ...sparseFacetTokens(doc),
];

/** The sparse facet conditions of a request, each a list of tokens of which one must be present. */
export const sparseFacetConditions = (request: SearchRequest): string[][] => {
  const all: string[][] = [];
  if (request.sectionIds !== undefined) all.push(request.sectionIds.map((id) => `s${id}`));
  if (request.authorId !== undefined) all.push([`a${request.authorId}`]);
  if (request.createdBy !== undefined) all.push([`u${request.createdBy}`]);
  return all;
};

/** Every facet condition of a request, dense and sparse. */
export const facetConditions = (request: SearchRequest): string[][] => {
  const all: string[][] = [];
  if (request.editionId !== undefined) all.push([`e${request.editionId}`]);
  const statuses = statusesOf(request);
  if (statuses !== undefined) all.push(statuses.map((s) => `st${statusToken(s)}`));
  if (request.kinds !== undefined) all.push(request.kinds.map((k) => `k${k}`));
  return [...all, ...sparseFacetConditions(request)];
};

/** The statuses a request may see: readers only published ones; the newsroom what it asks for, or all. */
export const statusesOf = (request: SearchRequest): readonly string[] | undefined =>
  request.liveAt !== undefined ? ['published'] : request.statuses;

const statusToken = (status: string): string => status.replace(/[^a-z0-9]/g, '');

/** The fields in index order; the first ranks highest, the middle ones next (see SearchRequest.sort). */
export const FIELD_ORDER = [
  'headline',
  'standfirst',
  'people',
  'tags',
  'body',
] as const satisfies readonly (keyof SearchFields)[];
export const HEADLINE_FIELDS = ['headline'] as const;
export const SUMMARY_FIELDS = ['headline', 'standfirst', 'people', 'tags'] as const;

/** A document's tokens per field, in FIELD_ORDER. */
export const fieldTokens = (fields: SearchFields): string[][] => FIELD_ORDER.map((f) => indexTokens(fields[f]));

/** A term's tokens in order (a single token is a phrase of one). */
export const termTokens = (term: QueryTerm): string[] => (term.kind === 'token' ? [term.token] : term.tokens);
