import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMemoryViewGate } from './memory-view-gate.js';
import {
  ADDRESS_ARTICLE_HOURLY_CAP,
  ADDRESS_HOURLY_CAP,
  DEDUPE_SECONDS,
  VISITOR_HOURLY_CAP,
  type ViewCandidate,
} from './view-candidate.js';
import { viewCandidateOf } from './visitor-key.js';

const salt = randomBytes(32);
const HOUR_START = 1_769_000_400; // a whole hour
const view = (ip: string, ua: string, articleId: number, second = HOUR_START): ViewCandidate =>
  viewCandidateOf(salt, ip, ua, articleId, second);
/** `n` readers behind one address, each with their own browser, reading `articleId(i)` within the hour. */
const readers = (ip: string, n: number, articleId: (i: number) => number, from = 0) =>
  Array.from({ length: n }, (_, i) => view(ip, `Browser ${from + i}`, articleId(i), HOUR_START + ((from + i) % 3600)));

describe('createMemoryViewGate', () => {
  it('counts a pair once per 30 minutes', () => {
    const gate = createMemoryViewGate();
    const first = view('192.0.2.1', 'A', 1);
    expect(gate.admit([first, view('192.0.2.1', 'A', 1, HOUR_START + DEDUPE_SECONDS - 1)], HOUR_START)).toEqual([
      first,
    ]);
    expect(gate.admit([view('192.0.2.1', 'A', 1, HOUR_START + DEDUPE_SECONDS)], HOUR_START)).toHaveLength(1);
  });

  it('caps a visitor, an address on one article and an address on the site, per hour', () => {
    const gate = createMemoryViewGate();
    const oneVisitor = Array.from({ length: 100 }, (_, i) => view('192.0.2.2', 'A', 1000 + i, HOUR_START + i));
    expect(gate.admit(oneVisitor, HOUR_START)).toHaveLength(VISITOR_HOURLY_CAP);
    expect(
      gate.admit(
        readers('192.0.2.3', 300, () => 1),
        HOUR_START,
      ),
    ).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
    expect(
      gate.admit(
        readers('192.0.2.4', 300, (i) => i % 20),
        HOUR_START,
      ),
    ).toHaveLength(ADDRESS_HOURLY_CAP);
  });

  it('shares one budget between the addresses of an IPv6 /64, not with the next /64', () => {
    const gate = createMemoryViewGate();
    const inOne = readers('2001:db8:0:1::1', 15, () => 1).concat(readers('2001:db8:0:1::2', 15, () => 1, 15));
    expect(gate.admit(inOne, HOUR_START)).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
    expect(
      gate.admit(
        readers('2001:db8:0:2::1', 30, () => 1),
        HOUR_START,
      ),
    ).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
  });

  it('starts each hour with fresh counts, even when an earlier hour comes late', () => {
    const gate = createMemoryViewGate();
    const hour = (h: number) =>
      readers('192.0.2.5', 30, () => 1, h * 100).map((c) => ({ ...c, second: c.second + h * 3600 }));
    expect(gate.admit(hour(1), HOUR_START)).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
    expect(gate.admit(hour(0), HOUR_START)).toHaveLength(ADDRESS_ARTICLE_HOURLY_CAP);
    expect(gate.admit(hour(1), HOUR_START)).toEqual([]);
  });

  it('keeps the address budget when a flood of user agents would push visitors out of a small table', () => {
    const gate = createMemoryViewGate(64);
    // Refused views add no keys, so 100,000 of them leave the tables as they were.
    expect(
      gate.admit(
        readers('192.0.2.6', 20, () => 1),
        HOUR_START,
      ),
    ).toHaveLength(20);
    const bytes = gate.bytes;
    // All within one minute, so that no generation ends for time's sake.
    const flood = readers('192.0.2.6', 100_000, () => 1, 20).map((c) => ({ ...c, second: HOUR_START + 20 }));
    expect(gate.admit(flood, HOUR_START)).toEqual([]);
    expect(gate.bytes).toBe(bytes);
  });

  it('may count an evicted pair again, but keeps the budget of an address still in use', () => {
    const gate = createMemoryViewGate(64);
    const others = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => view(`198.51.100.${i}`, tag, 2, HOUR_START + 1));
    const reader = view('192.0.2.7', 'A', 1);
    expect(gate.admit([reader], HOUR_START)).toHaveLength(1);
    // 200 readers elsewhere push the pair out of a 64-key table within its 30 minutes ...
    expect(gate.admit(others(200, 'B'), HOUR_START)).toHaveLength(200);
    expect(gate.admit([{ ...reader, second: HOUR_START + 60 }], HOUR_START)).toHaveLength(1);
    // ... but an address that keeps sending is kept, however many others pass between its beacons.
    expect(
      gate.admit(
        readers('192.0.2.8', 20, () => 3),
        HOUR_START,
      ),
    ).toHaveLength(20);
    for (let round = 0; round < 10; round++) {
      expect(gate.admit(others(50, `C${round}`), HOUR_START)).toHaveLength(50);
      expect(
        gate.admit(
          readers('192.0.2.8', 1, () => 3, 100 + round),
          HOUR_START,
        ),
      ).toEqual([]);
    }
  });

  it('forgets expired keys as time passes, holding what the last hour brought instead of filling to capacity', () => {
    const gate = createMemoryViewGate();
    // Ten hours of 2,000 distinct readers an hour: 20,000 of each key in all.
    for (let h = 0; h < 10; h++) {
      const hour = Array.from({ length: 2000 }, (_, i) =>
        view(`10.${h}.${i >> 8}.${i & 255}`, 'A', 1 + (i % 50), HOUR_START + h * 3600 + Math.floor(i * 1.8)),
      );
      expect(gate.admit(hour, HOUR_START + h * 3600)).toHaveLength(2000);
    }
    // At most two generations of 2,000 keys, 4,096 slots of 10 bytes, in each of the four tables (8,192 slots
    // for the pairs, rotated every half hour and more); without rotation by time each would hold all 20,000.
    expect(gate.bytes).toBeLessThanOrEqual(4 * 2 * 4096 * 10);
  });

  it('still dedupes and caps across a rotation, for a candidate up to a minute late', () => {
    const gate = createMemoryViewGate();
    const reader = view('192.0.2.9', 'A', 1, HOUR_START + 10);
    expect(gate.admit([reader], HOUR_START)).toHaveLength(1);
    // 29 minutes later the pair is still seen, and the visitor has used one view of its hour.
    expect(gate.admit([{ ...reader, second: HOUR_START + 10 + 29 * 60 }], HOUR_START)).toEqual([]);
    const capped = Array.from({ length: VISITOR_HOURLY_CAP - 1 }, (_, i) =>
      view('192.0.2.9', 'A', 100 + i, HOUR_START + 3000),
    );
    expect(gate.admit(capped, HOUR_START)).toHaveLength(VISITOR_HOURLY_CAP - 1);
    // The clock moves past both periods (the dedupe and the hour, each with its minute's grace) ...
    expect(gate.admit([view('198.51.100.1', 'B', 2, HOUR_START + 3700)], HOUR_START)).toHaveLength(1);
    // ... yet a beacon of the past hour that comes 50 s late is capped as before.
    expect(gate.admit([view('192.0.2.9', 'A', 999, HOUR_START + 3599)], HOUR_START)).toEqual([]);
    // The pair counted 30 minutes before the latest second, at HOUR_START + 3100, is seen by one 40 s late.
    const late = view('192.0.2.10', 'C', 3, HOUR_START + 3100);
    expect(gate.admit([late], HOUR_START)).toHaveLength(1);
    expect(gate.admit([view('198.51.100.2', 'B', 2, HOUR_START + 3100 + 30 * 60 + 61)], HOUR_START)).toHaveLength(1);
    expect(gate.admit([{ ...late, second: HOUR_START + 3100 + 30 * 60 - 40 }], HOUR_START)).toEqual([]);
  });

  it(
    'holds under 64 MB for 1,000,000 distinct visitors (measured in a child process with a clean heap)',
    { timeout: 120_000 },
    async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', 'bench/view-gate-memory.ts'],
        { env: { ...process.env, GATE_VISITORS: '1000000' } },
      );
      const measured = JSON.parse(stdout) as { admitted: number; totalGrowthMb: number };
      expect(measured.admitted).toBe(1_000_000);
      expect(measured.totalGrowthMb).toBeLessThan(64);
    },
  );
});
