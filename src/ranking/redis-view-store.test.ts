import { describe, expect, it } from 'vitest';
import { base36 } from './redis-view-store.js';

describe('base36', () => {
  it('writes every 48-bit key as toString(36) does, so Redis keys keep their names', () => {
    const edges = [0, 1, 35, 36, 36 ** 5 - 1, 36 ** 5, 36 ** 5 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 48 - 1];
    for (const key of edges) expect(base36(key)).toBe(key.toString(36));
    // A seeded spread over the whole 48 bits, where the split's two halves take every width.
    let state = 0x9e3779b9;
    for (let i = 0; i < 20_000; i++) {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      const key = (state & 0xffff) * 2 ** 32 + ((Math.imul(state, 0x85ebca6b) >>> 0) >>> (i % 32));
      expect(base36(key)).toBe(key.toString(36));
    }
  });
});
