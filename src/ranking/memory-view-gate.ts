import { DEDUPE_SECONDS, VISITOR_HOURLY_CAP, type ViewCandidate } from './view-candidate.js';

/**
 * Dedupe and per-visitor cap kept in this process's memory: exact for the embedded default (one process).
 * Entries are swept once they can no longer matter, so memory follows the last half hour's readers.
 */
export interface ViewGate {
  admit(candidates: ViewCandidate[], nowSecond: number): ViewCandidate[];
  readonly trackedPairs: number;
}

export const createMemoryViewGate = (cap = VISITOR_HOURLY_CAP): ViewGate => {
  /** pairKey → second it was last counted */
  const lastCounted = new Map<number, number>();
  /** visitorKey → counted views in `capHour` */
  let capHour = -1;
  let perVisitor = new Map<number, number>();
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
          perVisitor = new Map();
        }
        const last = lastCounted.get(c.pairKey);
        if (last !== undefined && c.second - last < DEDUPE_SECONDS) continue;
        const n = perVisitor.get(c.visitorKey) ?? 0;
        if (n >= cap) continue;
        perVisitor.set(c.visitorKey, n + 1);
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
