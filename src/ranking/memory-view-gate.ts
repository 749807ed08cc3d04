import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
  type ViewCandidate,
} from './view-candidate.js';

/**
 * Dedupe, per-visitor cap and address budget kept in this process's memory: exact for the embedded default
 * (one process). Entries are swept once they can no longer matter, so memory follows the last half hour's readers.
 */
export interface ViewGate {
  admit(candidates: ViewCandidate[], nowSecond: number): ViewCandidate[];
  readonly trackedPairs: number;
}

export const createMemoryViewGate = (): ViewGate => {
  /** pairKey → second it was last counted */
  const lastCounted = new Map<number, number>();
  /** visitor, address-and-article and address keys → counted views in `capHour` */
  let capHour = -1;
  let counters = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const caps = [VISITOR_HOURLY_CAP, ADDRESS_ARTICLE_HOURLY_CAP, ADDRESS_HOURLY_CAP];
  let lastSweep = 0;

  const sweep = (nowSecond: number) => {
    for (const [key, second] of lastCounted) if (second <= nowSecond - DEDUPE_SECONDS) lastCounted.delete(key);
    lastSweep = nowSecond;
  };

  return {
    admit(candidates, nowSecond) {
      if (nowSecond - lastSweep >= 60) sweep(nowSecond);
      const admitted: ViewCandidate[] = [];
      for (const c of candidates) {
        const hour = Math.floor(c.second / 3600);
        if (hour !== capHour) {
          capHour = hour;
          counters = [new Map(), new Map(), new Map()];
        }
        const last = lastCounted.get(c.pairKey);
        if (last !== undefined && c.second - last < DEDUPE_SECONDS) continue;
        const keys = [c.visitorKey, c.addressArticleKey, c.addressKey];
        if (keys.some((key, i) => (counters[i]!.get(key) ?? 0) >= caps[i]!)) continue;
        keys.forEach((key, i) => counters[i]!.set(key, (counters[i]!.get(key) ?? 0) + 1));
        lastCounted.set(c.pairKey, c.second);
        admitted.push(c);
      }
      return admitted;
    },
    get trackedPairs() {
      return lastCounted.size;
    },
  };
};
