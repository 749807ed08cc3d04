/**
 * One page of hits from tiers that are searched one after another (relevance order, record 0017): the first
 * tier's hits, newest first, then the second's, and so on. A tier is counted only when the page starts past its
 * end, which on the first pages of a query is never: the common case reads one page from one tier.
 */
export const pageThroughTiers = async <Tier>(
  tiers: readonly Tier[],
  offset: number,
  limit: number,
  page: (tier: Tier, limit: number, offset: number) => Promise<number[]>,
  /** How many documents the tier holds, or `upTo` when it holds at least that many. */
  count: (tier: Tier, upTo: number) => Promise<number>,
): Promise<number[]> => {
  const keys: number[] = [];
  let skip = offset;
  for (const tier of tiers) {
    const need = limit - keys.length;
    if (need <= 0) break;
    const found = await page(tier, need, skip);
    keys.push(...found);
    // Rows came back: the page starts inside this tier, so the next one is read from its start.
    if (found.length > 0) skip = 0;
    else if (skip > 0) skip = Math.max(0, skip - (await count(tier, skip)));
  }
  return keys;
};
