import type { ArticleSummary, Author } from '../domain/article.js';
import type { Db } from '../storage/database.js';
import { authorRowBySlug } from '../storage/repositories/author.repository.js';
import {
  countLiveByAuthor,
  countLiveByTag,
  liveRowsByAuthor,
  liveRowsByTag,
  liveTagName,
} from '../storage/repositories/listing.repository.js';
import { authorFromRow } from './author-from-row.js';
import { FRONT_PAGE_SIZE, toSummaries } from './reader-pages.js';
import { editionFilter, type SiteContext } from './site-context.js';

/** One page of a list, numbered like the section fronts' (20 a page, `?page=N`). */
export interface ListingPage {
  articles: ArticleSummary[];
  page: number;
  totalPages: number;
}

export interface TagPageData extends ListingPage {
  slug: string;
  /** The most recently used spelling (listing.repository liveTagName). */
  name: string;
}

export interface AuthorPageData extends ListingPage {
  author: Author;
}

/** A page that exists; or nothing at that address; or a page number past the last page. */
export type Listing<T> = { kind: 'found'; data: T } | { kind: 'missing' } | { kind: 'beyond'; totalPages: number };

const pageWindow = (page: number, now: Date) => ({
  now: now.getTime(),
  limit: FRONT_PAGE_SIZE,
  offset: (page - 1) * FRONT_PAGE_SIZE,
});

const totalPagesOf = (count: number): number => Math.max(1, Math.ceil(count / FRONT_PAGE_SIZE));

/**
 * A tag's page: its count (which also chooses how the rest is read, listing.repository.ts), then its name and
 * articles. A tag exists while a live article carries it; once the last one is unpublished, its address is a 404
 * like any unknown tag.
 */
export const loadTagPage = async (
  db: Db,
  ctx: SiteContext,
  slug: string,
  page: number,
  now: Date,
): Promise<Listing<TagPageData>> => {
  // The edition's own articles (issue 13): a tag with none in it is not found there.
  const editionId = editionFilter(ctx);
  const count = await countLiveByTag(db, slug, now.getTime(), editionId);
  if (count === 0) return { kind: 'missing' };
  const totalPages = totalPagesOf(count);
  if (page > totalPages) return { kind: 'beyond', totalPages };
  const [name, rows] = await Promise.all([
    liveTagName(db, slug, now.getTime(), count, editionId),
    liveRowsByTag(db, slug, pageWindow(page, now), count, editionId),
  ]);
  // Unpublished between the two rounds: as if it had been a moment earlier.
  if (name === undefined) return { kind: 'missing' };
  return { kind: 'found', data: { slug, name, articles: toSummaries(ctx, rows), page, totalPages } };
};

/** An author's page: the profile, its count, then its articles. An author with nothing live yet still has a page. */
export const loadAuthorPage = async (
  db: Db,
  ctx: SiteContext,
  slug: string,
  page: number,
  now: Date,
): Promise<Listing<AuthorPageData>> => {
  const row = await authorRowBySlug(db, slug);
  if (!row) return { kind: 'missing' };
  // The edition's own articles (issue 13); an author with none in it still has a page there, as with none live.
  const editionId = editionFilter(ctx);
  const count = await countLiveByAuthor(db, row.id, now.getTime(), editionId);
  const totalPages = totalPagesOf(count);
  if (page > totalPages) return { kind: 'beyond', totalPages };
  const rows = await liveRowsByAuthor(db, row.id, pageWindow(page, now), count, editionId);
  return { kind: 'found', data: { author: authorFromRow(row), articles: toSummaries(ctx, rows), page, totalPages } };
};
