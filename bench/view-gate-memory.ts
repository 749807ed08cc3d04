import { createMemoryViewGate } from '../src/ranking/memory-view-gate.js';
import type { ViewCandidate } from '../src/ranking/view-candidate.js';

/**
 * How much memory the in-memory view gate (the embedded default, and the cluster primary) holds after
 * GATE_VISITORS distinct fake visitors (default 1,000,000), each with its own address, reading one article within
 * one hour. The gate sees only 48-bit keys, so the fake visitors' keys come from a seeded generator instead of
 * HMACs (same spread, a hundred times faster). Run with `node --expose-gc --import tsx bench/view-gate-memory.ts`;
 * prints one JSON line: growth of the V8 heap and of typed-array memory (where the gate's tables live), in MB.
 * src/ranking/memory-view-gate.test.ts runs it and holds the sum under 64 MB.
 */

if (typeof globalThis.gc !== 'function') {
  process.stderr.write('view-gate-memory: run with node --expose-gc\n');
  process.exit(2);
}
const gc = globalThis.gc as () => void;
const VISITORS = Number(process.env.GATE_VISITORS ?? 1_000_000);
const BATCH = 1000;
const MB = 1024 * 1024;

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsedMb: m.heapUsed / MB, arrayBuffersMb: m.arrayBuffers / MB, rssMb: m.rss / MB };
};

/** xorshift32: a seeded stream of 32-bit numbers, two per 48-bit key. */
let state = 0x2545f491;
const next32 = () => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state >>> 0;
};
const key48 = () => (next32() & 0xffff) * 2 ** 32 + next32();

const before = memory();
const gate = createMemoryViewGate();
const hourStart = Math.floor(Date.now() / 3_600_000) * 3600;
let admitted = 0;
const started = performance.now();
for (let at = 0; at < VISITORS; at += BATCH) {
  const batch: ViewCandidate[] = [];
  for (let i = at; i < Math.min(VISITORS, at + BATCH); i++) {
    batch.push({
      articleId: 1 + (i % 500),
      second: hourStart + Math.floor((i / VISITORS) * 3600),
      visitorKey: key48(),
      pairKey: key48(),
      addressKey: key48(),
      addressArticleKey: key48(),
    });
  }
  admitted += gate.admit(batch, batch[batch.length - 1]!.second).length;
}
const elapsedMs = performance.now() - started;
const after = memory();
const heapGrowthMb = after.heapUsedMb - before.heapUsedMb;
const arrayBufferGrowthMb = after.arrayBuffersMb - before.arrayBuffersMb;
process.stdout.write(
  `${JSON.stringify({
    visitors: VISITORS,
    admitted,
    admitNsPerView: Math.round((elapsedMs * 1e6) / VISITORS),
    heapGrowthMb,
    arrayBufferGrowthMb,
    totalGrowthMb: heapGrowthMb + arrayBufferGrowthMb,
    rssGrowthMb: after.rssMb - before.rssMb,
    // Keeps the gate alive until measured.
    gateAlive: gate !== null,
  })}\n`,
);
