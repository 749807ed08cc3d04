import { describe, expect, it } from 'vitest';
import { createKeyTable } from './key-table.js';

describe('createKeyTable', () => {
  it('answers 0 for a key never set and the last value set otherwise, for any 48-bit key', () => {
    const table = createKeyTable(1000);
    const keys = [1, 2 ** 32, 2 ** 32 + 1, 2 ** 48 - 1, 2 ** 47 + 12345, 0x1234_5678_9abc];
    keys.forEach((k, i) => table.set(k, i + 1));
    keys.forEach((k, i) => expect(table.get(k)).toBe(i + 1));
    expect(table.get(5)).toBe(0);
    table.set(2 ** 48 - 1, 99);
    expect(table.get(2 ** 48 - 1)).toBe(99);
    expect(table.size).toBe(keys.length);
  });

  it('keeps every key while it holds fewer than its capacity, growing as it goes', () => {
    const table = createKeyTable(50_000);
    for (let i = 0; i < 50_000; i++) table.set(i * 7_919_317 + 1, i + 1);
    for (let i = 0; i < 50_000; i++) expect(table.get(i * 7_919_317 + 1)).toBe(i + 1);
  });

  it('drops the least recently used keys first, a generation at a time', () => {
    const table = createKeyTable(100);
    for (let k = 1; k <= 100; k++) table.set(k, k);
    // The young generation is full: key 101 starts a new one, and 1..100 become the old one.
    table.set(101, 101);
    // Reading key 1 brings it into the young generation, so it outlives the others of its age.
    expect(table.get(1)).toBe(1);
    for (let k = 102; k <= 200; k++) table.set(k, k);
    // 101, 1 and 102..199 filled the young generation; 200 starts another and 2..100 are gone.
    expect(table.get(2)).toBe(0);
    expect(table.get(100)).toBe(0);
    expect(table.get(1)).toBe(1);
    expect(table.get(101)).toBe(101);
    expect(table.get(150)).toBe(150);
    expect(table.get(200)).toBe(200);
  });

  it('holds at most two generations of its capacity, whatever is added', () => {
    const table = createKeyTable(1000);
    for (let i = 1; i <= 100_000; i++) table.set(i * 104_729, 1);
    expect(table.size).toBeLessThanOrEqual(2000);
    // 2048 slots of 10 bytes per generation: a table at most half full.
    expect(table.bytes).toBe(2 * 2048 * 10);
  });

  it('rotates on request: the young generation becomes the old one, the old one goes, and the new one starts small', () => {
    const table = createKeyTable(1000);
    for (let k = 1; k <= 500; k++) table.set(k, k);
    table.rotate();
    // Still found (and brought back into the young generation on use) ...
    expect(table.get(7)).toBe(7);
    table.set(501, 501);
    table.rotate();
    // ... while what was not used since the first rotation is gone with the old generation.
    expect(table.get(8)).toBe(0);
    expect(table.get(7)).toBe(7);
    expect(table.get(501)).toBe(501);
    table.rotate();
    table.rotate();
    expect(table.get(7)).toBe(0);
    // Two empty generations of the smallest size: the 1,000-key capacity's arrays are not held.
    expect(table.bytes).toBe(2 * 64 * 10);
  });
});
