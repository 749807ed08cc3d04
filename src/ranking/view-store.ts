import type { ViewCount } from '../domain/ranking-window.js';
import type { ViewCandidate } from './view-candidate.js';

/**
 * The swappable half of view counting: deciding which candidates count, and the shared log of counted views
 * that every process reads to build its in-memory windows. One implementation per backend:
 * sqlite-view-store.ts (embedded default) and redis-view-store.ts (several nodes).
 */
export interface ViewStore {
  readonly name: 'sqlite' | 'redis';
  /** Applies the 30-minute dedupe and the hourly per-visitor cap; returns the candidates that count. */
  admit(candidates: ViewCandidate[], nowSecond: number): Promise<ViewCandidate[]>;
  /** Durably appends counted views to the shared log. */
  append(counts: ViewCount[]): Promise<void>;
  /** Counted views appended (by any process) since the last call; the first call returns the last 7 days. */
  readNew(nowSecond: number): Promise<ViewCount[]>;
  /**
   * Views per hour of one article, oldest first, for the last `hours` hours (the newsroom's chart). The hours are
   * folded from the durable log past a stored watermark, never added from memory, so they agree with the log
   * whatever happened to the processes that counted (kill -9 included).
   */
  hourlyViews(articleId: number, nowSecond: number, hours: number): Promise<number[]>;
  /** Folds the log into the hours, then prunes what is older than the longest window. Safe from every process. */
  maintain(nowSecond: number): Promise<void>;
  /** The daily visitor salt. */
  saltFor(day: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** Packs counts as little-endian uint32 triples: one row or stream entry per flush, not one per view. */
export const packCounts = (counts: ViewCount[]): Buffer => {
  const buf = Buffer.alloc(counts.length * 12);
  counts.forEach((c, i) => {
    buf.writeUInt32LE(c.second, i * 12);
    buf.writeUInt32LE(c.articleId, i * 12 + 4);
    buf.writeUInt32LE(c.count, i * 12 + 8);
  });
  return buf;
};

export const unpackCounts = (buf: Uint8Array): ViewCount[] => {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: ViewCount[] = [];
  for (let i = 0; i + 12 <= view.byteLength; i += 12) {
    out.push({ second: view.readUInt32LE(i), articleId: view.readUInt32LE(i + 4), count: view.readUInt32LE(i + 8) });
  }
  return out;
};

/** 2^32: article ids are 32-bit (packCounts), so a second's offset fits above them in a double's 53 bits. */
const TWO_32 = 2 ** 32;
/** The widest span of seconds one sort can take: the offset must stay under 2^21. */
const SPAN_SORTED = 2 ** 21;

/**
 * Sums views per (second, article), ordered by second then article: what a batch of candidates adds up to.
 * Each candidate becomes one number, its second's offset above its article id, and a numeric sort of a typed
 * array brings equal ones together: a second's 36,000 candidates took 3 ms this way, against 10-12 ms through a Map
 * keyed by text, all inside a flush that holds the event loop (view-tracker.ts).
 */
export const countCandidates = (candidates: readonly ViewCandidate[]): ViewCount[] => {
  if (candidates.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const c of candidates) {
    if (c.second < first) first = c.second;
    if (c.second > last) last = c.second;
  }
  // A batch kept through a weeks-long outage: counted in two halves of its span.
  if (last - first >= SPAN_SORTED) {
    const middle = first + Math.floor((last - first) / 2);
    return [
      ...countCandidates(candidates.filter((c) => c.second <= middle)),
      ...countCandidates(candidates.filter((c) => c.second > middle)),
    ];
  }
  const keys = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++)
    keys[i] = (candidates[i]!.second - first) * TWO_32 + candidates[i]!.articleId;
  keys.sort();
  const out: ViewCount[] = [];
  for (let i = 0; i < keys.length;) {
    const key = keys[i]!;
    let j = i + 1;
    while (j < keys.length && keys[j] === key) j++;
    const offset = Math.floor(key / TWO_32);
    out.push({ second: first + offset, articleId: key - offset * TWO_32, count: j - i });
    i = j;
  }
  return out;
};

/** Views per (hour, article), as [hour, articleId, views] rows: what a fold adds to the hourly totals. */
export const sumByHour = (counts: ViewCount[]): [number, number, number][] => {
  const byKey = new Map<string, [number, number, number]>();
  for (const c of counts) {
    const hour = Math.floor(c.second / 3600);
    const key = `${hour}:${c.articleId}`;
    const row = byKey.get(key);
    if (row) row[2] += c.count;
    else byKey.set(key, [hour, c.articleId, c.count]);
  }
  return [...byKey.values()];
};
