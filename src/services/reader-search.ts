/**
 * The reader's search (issue 15), once the request is understood (domain/search-request.ts): the index asked for
 * one page of the edition's live articles and pages, then the rows it found, each asked again whether it is live,
 * shown with their section, date, byline and a snippet.
 */
import { articlePath } from '../domain/article-path.js';
import { bodyText, storedBody } from '../domain/body.js';
import { publicationPagePath } from '../domain/publication-page.js';
import { searchTermsOf, type EditionSearch, type SearchProblem, type SearchTerms } from '../domain/search-request.js';
import { searchSnippet } from '../domain/search-snippet.js';
import type { ParsedQuery } from '../domain/search-text.js';
import { isSlug } from '../domain/slug.js';
import type { SearchKind, SearchRequest } from '../storage/search/search-index.js';
import type { Db } from '../storage/database.js';
import { authorRowBySlug, bylineRowsForArticles } from '../storage/repositories/author.repository.js';
import { liveArticleTextRows, livePageTextRows } from '../storage/repositories/reader-search.repository.js';
import { searchIndexOf } from '../storage/search/search-indexing.js';
import { contextOfEdition, editionFilter, type SiteContext } from './site-context.js';

export const SEARCH_PAGE_SIZE = 20;

/** One found article or page, as the results list and the API show it. */
export interface SearchEntry {
  kind: SearchKind;
  id: number;
  headline: string;
  path: string;
  /** Null for a page of the publication, which has none. */
  sectionName: string | null;
  publishedAt: Date;
  /** The byline's names, in order; none for a page. */
  byline: string[];
  /** HTML whose only markup is <mark> (searchSnippet escapes everything else). */
  snippet: string;
}

export interface SearchResults {
  /** Counted up to SEARCH_COUNT_LIMIT (the index's); `more` says there are more than that. */
  total: number;
  more: boolean;
  pages: number;
  entries: SearchEntry[];
}

export type ReaderSearchOutcome =
  | {
      ok: true;
      /** The author filter's name, when there is one. */
      authorName: string | null;
      /** How the query was shortened to the terms searched for, if it was. */
      cut: SearchTerms['cut'];
      /** Null when the query has no terms (empty, or only punctuation): nothing was searched for. */
      results: SearchResults | null;
    }
  | { ok: false; problems: SearchProblem[] };

/** Searches the edition's live articles (and, in the first edition, the publication's pages) a page at a time. */
export const runReaderSearch = async (
  db: Db,
  ctx: SiteContext,
  search: EditionSearch,
  now: Date,
): Promise<ReaderSearchOutcome> => {
  const { params } = search;
  const author =
    params.author === null ? null : isSlug(params.author) ? await authorRowBySlug(db, params.author) : undefined;
  if (author === undefined) {
    return { ok: false, problems: [{ field: 'author', kind: 'unknown-author', slug: params.author! }] };
  }
  const authorName = author?.name ?? null;
  const { query, cut } = searchTermsOf(params);
  if (query.terms.length === 0) return { ok: true, authorName, cut, results: null };

  const request: SearchRequest = {
    query,
    editionId: editionFilter(ctx),
    liveAt: now.getTime(),
    // Pages have no section and no byline: with either filter only articles can match.
    kinds: search.sectionIds || author ? ['article'] : undefined,
    sectionIds: search.sectionIds,
    authorId: author?.id,
    from: search.from,
    to: search.to,
    sort: params.sort,
    offset: (params.page - 1) * SEARCH_PAGE_SIZE,
    limit: SEARCH_PAGE_SIZE,
  };
  const found = await searchIndexOf(db).search(db, request);
  const entries = await entriesOf(db, ctx, found.hits, query, now);
  return {
    ok: true,
    authorName,
    cut,
    results: { total: found.total, more: found.more, pages: Math.ceil(found.total / SEARCH_PAGE_SIZE), entries },
  };
};

/** The hits as entries, in the index's order; a hit no longer live (or of an unknown section) is left out. */
const entriesOf = async (
  db: Db,
  ctx: SiteContext,
  hits: readonly { kind: SearchKind; id: number }[],
  query: ParsedQuery,
  now: Date,
): Promise<SearchEntry[]> => {
  const articleIds = hits.filter((h) => h.kind === 'article').map((h) => h.id);
  const pageIds = hits.filter((h) => h.kind === 'page').map((h) => h.id);
  const [articles, bylines, pages] = await Promise.all([
    liveArticleTextRows(db, articleIds, now.getTime()),
    bylineRowsForArticles(db, articleIds),
    livePageTextRows(db, pageIds, now.getTime()),
  ]);
  const entries = new Map<string, SearchEntry>();
  for (const row of articles) {
    // Named and addressed as the article's own edition does (one edition's search finds only its own, but a site
    // of one edition asks for none).
    const own = contextOfEdition(ctx, row.edition_id);
    const section = own.sections.byId.get(row.section_id);
    if (!section || row.published_at === null) continue;
    entries.set(`article ${row.id}`, {
      kind: 'article',
      id: row.id,
      headline: row.headline,
      path: articlePath(own, section, new Date(row.first_published_at ?? row.published_at), row.id),
      sectionName: section.name,
      publishedAt: new Date(row.published_at),
      byline: bylines.filter((b) => b.article_id === row.id).map((b) => b.name),
      snippet: searchSnippet(withoutHeadline(row.body_text, row.headline), query),
    });
  }
  for (const row of pages) {
    if (row.published_at === null) continue;
    entries.set(`page ${row.id}`, {
      kind: 'page',
      id: row.id,
      headline: row.title,
      path: publicationPagePath(row.slug),
      sectionName: null,
      publishedAt: new Date(row.published_at),
      byline: [],
      snippet: searchSnippet(bodyText(storedBody(row.body)), query),
    });
  }
  return hits.flatMap((h) => entries.get(`${h.kind} ${h.id}`) ?? []);
};

/** The article's kept text is headline, standfirst and body, one per line: the snippet is of the last two. */
const withoutHeadline = (kept: string, headline: string): string =>
  kept.startsWith(`${headline}\n`) ? kept.slice(headline.length + 1) : kept;
