import { SEARCH_COUNT_LIMIT, type SearchRequest, type SearchResult } from './search-index.js';
import { hitOfKey } from './search-keys.js';

/**
 * The order both indexes give (record 0017), from what each can read fast: a tier's matches newest first, and a
 * count of all matches. The tiers: every term in the headline; every term within headline, standfirst, authors
 * and tags, the headline's left out; every match ("every", which holds the first two again).
 */
export type Tier = 'headline' | 'summary' | 'every';

export interface TierReader {
  /** Keys of the tier's matches, newest first. */
  newest(tier: Tier, limit: number, offset: number): Promise<number[]>;
  /** How many documents match at all, counting no further than `upTo`. */
  count(upTo: number): Promise<number>;
}

export const tieredSearch = async (request: SearchRequest, reader: TierReader): Promise<SearchResult> => {
  // The tiers split the matches between them, so a page that comes back short has seen every match: the count is
  // known without walking the posting lists a second time (for a rare phrase of common words, half the work).
  const answer = async (keys: number[], seenTotal: number | null): Promise<SearchResult> => {
    const total = seenTotal ?? (await reader.count(SEARCH_COUNT_LIMIT + 1));
    return { total: Math.min(total, SEARCH_COUNT_LIMIT), more: total > SEARCH_COUNT_LIMIT, hits: keys.map(hitOfKey) };
  };
  if (request.sort === 'newest') {
    const page = await reader.newest('every', request.limit, request.offset);
    // A short page holds the last matches, unless it is empty past the first (the offset may be past the end).
    const short = page.length < request.limit && (page.length > 0 || request.offset === 0);
    return answer(page, short ? request.offset + page.length : null);
  }
  const wanted = request.offset + request.limit;
  const found = await byRelevance(wanted, reader);
  return answer(found.slice(request.offset), found.length < wanted ? found.length : null);
};

/**
 * The first `wanted` keys in relevance order, each tier newest first. The last tier is read from everything, so it
 * would repeat the first two; it is reached only when they hold fewer than `wanted` keys, so those few are read
 * past and dropped.
 */
const byRelevance = async (wanted: number, reader: TierReader): Promise<number[]> => {
  const first = await reader.newest('headline', wanted, 0);
  if (first.length >= wanted) return first;
  const ahead = [...first, ...(await reader.newest('summary', wanted - first.length, 0))];
  if (ahead.length >= wanted) return ahead;
  const seen = new Set(ahead);
  const rest = (await reader.newest('every', wanted - ahead.length + seen.size, 0)).filter((key) => !seen.has(key));
  return [...ahead, ...rest].slice(0, wanted);
};
