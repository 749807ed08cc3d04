import { createKeyTable } from './key-table.js';
import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
  type ViewCandidate,
} from './view-candidate.js';

/**
 * Dedupe, per-visitor cap and address budget kept in this process's memory: the embedded default (one process),
 * or the cluster's primary for its workers.
 */
export interface ViewGate {
  admit(candidates: ViewCandidate[], nowSecond: number): ViewCandidate[];
  /** Bytes held by the gate's tables (they grow with readers up to their capacity, then stay). */
  readonly bytes: number;
}

/**
 * Keys each table holds before its least recently used entries go (see key-table.ts): four tables of at most
 * 40 bytes a key, 40 MiB in all when every one is full. That holds the last 262,144 pairs counted (a site
 * counting under 262,144 views in 30 minutes, 12 million a day, dedupes exactly) and as many visitors, addresses
 * and address-article pairs per hour.
 *
 * What eviction costs: an evicted pair may count again within its 30 minutes, an evicted visitor or address
 * starts its hour's count again. The address budget still holds an evicted visitor; the address tables evict only
 * after 262,144 other addresses or address-article pairs were used since, so whoever empties them holds that many
 * addresses, each with a budget of its own already. Refused views add no new keys (they only keep their own in
 * use), so they cannot push others out.
 */
export const GATE_CAPACITY = 2 ** 18;

/**
 * How late a candidate may come (behind the latest second the gate has seen) and still find every key it needs.
 * Beacons reach the gate within a flush or two; a cluster's workers flush on their own clocks.
 */
const LATE_SECONDS = 60;
const HOUR = 3600;

/** The key of a visitor's (or address's) count in one hour: the same 48-bit key with the hour mixed in. */
const hourKey = (key: number, hour: number): number => {
  const lo = (key >>> 0) ^ Math.imul(hour, 0x85ebca6b);
  const hi = (Math.floor(key / 2 ** 32) ^ Math.imul(hour, 0xc2b2ae35)) & 0xffff;
  return hi * 2 ** 32 + (lo >>> 0);
};

export const createMemoryViewGate = (capacity = GATE_CAPACITY): ViewGate => {
  /** pairKey → second it was last counted */
  const lastCounted = createKeyTable(capacity);
  /** Counted views in an hour, by hourKey: of a visitor, of an address and article, of an address. */
  const perVisitor = createKeyTable(capacity);
  const perAddressArticle = createKeyTable(capacity);
  const perAddress = createKeyTable(capacity);

  /*
   * Time, not only capacity, ends a generation. A pair's key matters for DEDUPE_SECONDS, an hour's count for its
   * hour; so once a young generation is that old (and LATE_SECONDS more), what the previous one holds has expired,
   * and it goes. The old and young generations together always cover the last DEDUPE_SECONDS + LATE_SECONDS (or
   * hour + LATE_SECONDS) of the latest second seen, which is all that a candidate at most LATE_SECONDS late needs.
   * The tables then hold what the last hour brought: a site counting a million views a week keeps under a MB of
   * them, where filling to capacity kept 40 MB of long-expired keys (bench:views, "Memory").
   */
  let latest = -Infinity;
  let pairsFrom = -Infinity;
  let hoursFrom = -Infinity;
  const age = (second: number) => {
    if (second <= latest) return;
    if (latest === -Infinity) pairsFrom = hoursFrom = second;
    latest = second;
    if (latest - pairsFrom >= DEDUPE_SECONDS + LATE_SECONDS) {
      lastCounted.rotate();
      pairsFrom = latest;
    }
    if (latest - hoursFrom >= HOUR + LATE_SECONDS) {
      perVisitor.rotate();
      perAddressArticle.rotate();
      perAddress.rotate();
      hoursFrom = latest;
    }
  };

  const admitOne = (c: ViewCandidate): boolean => {
    age(c.second);
    const last = lastCounted.get(c.pairKey);
    if (last !== 0 && c.second - last < DEDUPE_SECONDS) return false;
    const hour = Math.floor(c.second / HOUR);
    const visitor = hourKey(c.visitorKey, hour);
    const addressArticle = hourKey(c.addressArticleKey, hour);
    const address = hourKey(c.addressKey, hour);
    const byVisitor = perVisitor.get(visitor);
    const byAddressArticle = perAddressArticle.get(addressArticle);
    const byAddress = perAddress.get(address);
    // Every rule is checked before anything is written: a refused view uses up nothing and adds no new key.
    if (
      byVisitor >= VISITOR_HOURLY_CAP ||
      byAddressArticle >= ADDRESS_ARTICLE_HOURLY_CAP ||
      byAddress >= ADDRESS_HOURLY_CAP
    )
      return false;
    perVisitor.set(visitor, byVisitor + 1);
    perAddressArticle.set(addressArticle, byAddressArticle + 1);
    perAddress.set(address, byAddress + 1);
    lastCounted.set(c.pairKey, c.second);
    return true;
  };

  return {
    admit: (candidates) => candidates.filter(admitOne),
    get bytes() {
      return lastCounted.bytes + perVisitor.bytes + perAddressArticle.bytes + perAddress.bytes;
    },
  };
};
