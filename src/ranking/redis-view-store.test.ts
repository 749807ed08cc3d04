import { describe, expect, it } from 'vitest';
import type { ViewCandidate } from './view-candidate.js';
import { packCandidates } from './redis-view-store.js';

const candidate = (n: number, second: number): ViewCandidate => ({
  articleId: n,
  second,
  pairKey: 2 ** 48 - 1 - n,
  visitorKey: n * 7_919,
  addressArticleKey: 2 ** 47 + n,
  addressKey: 2 ** 32 + n * 3,
});

describe('packCandidates', () => {
  it('lays out each candidate as four lettered 48-bit fields and its second, 32 bytes apart', () => {
    const all = [candidate(0, 1_764_720_000), candidate(1, 1_764_723_599), candidate(2, 2 ** 32 - 1)];
    // A slice from the middle of the list: the script is given one chunk at a time.
    const packed = packCandidates(all, 1, 3);
    expect(packed).toHaveLength(64);
    for (const [i, c] of all.slice(1).entries()) {
      const o = 32 * i;
      expect(packed.toString('latin1', o, o + 1)).toBe('p');
      expect(packed.readUIntBE(o + 1, 6)).toBe(c.pairKey);
      expect(packed.toString('latin1', o + 7, o + 8)).toBe('v');
      expect(packed.readUIntBE(o + 8, 6)).toBe(c.visitorKey);
      expect(packed.toString('latin1', o + 14, o + 15)).toBe('c');
      expect(packed.readUIntBE(o + 15, 6)).toBe(c.addressArticleKey);
      expect(packed.toString('latin1', o + 21, o + 22)).toBe('a');
      expect(packed.readUIntBE(o + 22, 6)).toBe(c.addressKey);
      expect(packed.readUInt32BE(o + 28)).toBe(c.second);
    }
  });
});
