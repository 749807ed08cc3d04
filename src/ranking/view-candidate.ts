/**
 * A view that passed the request checks (not a bot, not a prefetch, same site, valid token, published
 * article) and waits to be counted. Visitors appear only as keyed hashes: `visitorKey` identifies a visitor
 * for the hourly cap, `pairKey` a visitor-and-article pair for the 30-minute dedupe. Both are 48-bit numbers
 * derived with a salt that changes daily and lives only in memory (or in Redis, which keeps nothing on disk
 * in our deployment), so they cannot be linked to a person or across days.
 */
export interface ViewCandidate {
  articleId: number;
  second: number;
  visitorKey: number;
  pairKey: number;
}

/** A visitor may add at most this many counted views per hour; beyond it their views are ignored. */
export const VISITOR_HOURLY_CAP = 60;
/** The same visitor reading the same article again within this time is one view. */
export const DEDUPE_SECONDS = 30 * 60;
