import type { ParsedQuery } from '../../domain/search-text.js';
import type { Db } from '../database.js';

/**
 * Full-text search's one port (issue 15, record 0017): documents in, ordered hits out. One implementation per
 * backend, each kept inside the content database and written in the same transaction as the content it
 * indexes: sqlite-search-index.ts (FTS5) and postgres-search-index.ts (tsvector + GIN). Both store and match
 * the application's tokens (domain/search-text.ts) and order hits by the same rule, so they answer the same.
 */
export interface SearchIndex {
  readonly name: 'sqlite' | 'postgres';
  /** Adds the document, or replaces what the index held for the same kind and id. */
  put(db: Db, doc: SearchDocument): Promise<void>;
  /** put for many documents at once (one statement where the backend can): a rebuild's batch. */
  putMany(db: Db, docs: readonly SearchDocument[]): Promise<void>;
  /** Forgets the document; nothing happens when the index does not hold it. */
  remove(db: Db, kind: SearchKind, id: number): Promise<void>;
  /** Empties the index (a rebuild starts with this). */
  clear(db: Db): Promise<void>;
  /**
   * Runs `load`, which fills an emptied index, the way the backend loads fastest: PostgreSQL sets its GIN indexes
   * aside and builds them again after (a whole build is several times faster than one entry at a time), which
   * locks the index's table until the transaction ends, so only a load nobody searches during (an import into an
   * empty database) asks for it.
   */
  bulkLoad<T>(db: Db, load: () => Promise<T>): Promise<T>;
  search(db: Db, request: SearchRequest): Promise<SearchResult>;
  /** The index's size on disk in bytes, as near as the backend tells (the bench prints it). */
  sizeBytes(db: Db): Promise<number>;
}

export type SearchKind = 'article' | 'page';

/** What an article or a page is found by, and what it is filtered and ordered by. */
export interface SearchDocument {
  kind: SearchKind;
  id: number;
  editionId: number;
  /** Null for a page. */
  sectionId: number | null;
  authorIds: readonly number[];
  /** The article's or page's status as stored: published, scheduled, draft, in_review… */
  status: string;
  createdBy: number | null;
  /**
   * Epoch ms the document sorts by and date filters read: when it went (or goes) live; for one that never did,
   * its last change. Readers only ever see published documents whose time has passed.
   */
  sortAt: number;
  /** Text per field, as written: the index tokenises. Headline ranks first, then the middle three, then body. */
  fields: SearchFields;
}

export interface SearchFields {
  headline: string;
  standfirst: string;
  body: string;
  /** Author names. */
  people: string;
  tags: string;
}

export interface SearchRequest {
  /** At least one term (a query without terms is the caller's to answer: there is nothing to search for). */
  query: ParsedQuery;
  editionId?: number;
  /** Readers: only published documents whose time is at or before this (epoch ms). */
  liveAt?: number;
  /** Only documents in one of these statuses (the newsroom's filter). Ignored with liveAt. */
  statuses?: readonly string[];
  kinds?: readonly SearchKind[];
  /** Only articles in one of these sections (a section and its subsections). */
  sectionIds?: readonly number[];
  authorId?: number;
  /** Only documents created by this account (a contributor sees their own). */
  createdBy?: number;
  /** Epoch ms: sortAt in [from, to). Both must be whole minutes (midnights are). */
  from?: number;
  to?: number;
  /**
   * relevance: every term in the headline first, then every term within headline, standfirst, authors and
   * tags, then the rest; newest first within each. newest: newest first.
   */
  sort: 'relevance' | 'newest';
  offset: number;
  limit: number;
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
}

/**
 * Matches are counted up to this many. Counting every match of a common word walks its whole posting list (9 ms
 * per 100,000 matches on SQLite, 21 ms for a phrase of two common words), which at a million articles would cost more
 * than the search; a reader does not page past fifty pages but refines the query. Search engines do the same
 * (Elasticsearch counts exactly to 10,000 by default).
 */
export const SEARCH_COUNT_LIMIT = 1_000;

export interface SearchResult {
  /** How many documents match, across pages, counted up to SEARCH_COUNT_LIMIT. */
  total: number;
  /** True when more than SEARCH_COUNT_LIMIT match (total is then SEARCH_COUNT_LIMIT). */
  more: boolean;
  hits: SearchHit[];
}
