/**
 * A view that passed the request checks (not a bot, not a prefetch, same site, valid token, published
 * article) and waits to be counted. Visitors appear only as keyed hashes: `visitorKey` identifies a visitor
 * (address and user agent) for the hourly cap, `pairKey` a visitor-and-article pair for the 30-minute dedupe,
 * `addressKey` and `addressArticleKey` the address (an IPv6 /64) alone and with the article, for the address
 * budget. All are 48-bit numbers derived with a salt that changes daily and lives only in memory (or in Redis,
 * which keeps nothing on disk in our deployment), so they cannot be linked to a person or across days.
 */
export interface ViewCandidate {
  articleId: number;
  second: number;
  visitorKey: number;
  pairKey: number;
  addressKey: number;
  addressArticleKey: number;
}

/** A visitor may add at most this many counted views per hour; beyond it their views are ignored. */
export const VISITOR_HOURLY_CAP = 60;
/** The same visitor reading the same article again within this time is one view. */
export const DEDUPE_SECONDS = 30 * 60;

/*
 * The address budget. A visitor is an address plus a user agent, and a user agent costs nothing to change: one
 * address rotating it counted 200,000 views in 29 s. So each address (IPv4, or an IPv6 /64) also gets a budget
 * across all its user agents. A carrier-grade NAT or a newsroom's office puts many real readers behind one
 * address, and an attacker hides among them just as well, so the budget is generous and per article: twenty
 * readers behind one address opening the same story within an hour all count, and a busy NAT still adds up to
 * 120 views an hour across the site. It only caps how far one address can move the ranking: pages are served
 * whatever the budget says, and a view over budget is answered like any other.
 */
/** Counted views of one article per address per hour. */
export const ADDRESS_ARTICLE_HOURLY_CAP = 20;
/** Counted views of the whole site per address per hour. */
export const ADDRESS_HOURLY_CAP = 120;
