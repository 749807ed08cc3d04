import { describe, expect, it } from 'vitest';
import { createRecentMap } from './recent-map.js';

describe('createRecentMap', () => {
  it('keeps a key at least until `capacity` other keys were used after it', () => {
    const map = createRecentMap<string, number>(3);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.set('d', 4);
    expect(map.get('a')).toBe(1);
    expect([map.get('b'), map.get('c'), map.get('d')]).toEqual([2, 3, 4]);
  });

  it('forgets the least recently used keys first, and never holds more than twice its capacity', () => {
    const map = createRecentMap<string, number>(2);
    for (const [i, key] of ['a', 'b', 'c', 'd'].entries()) map.set(key, i);
    // Reading `a` moves it to the young generation; `b` was read by no one and goes with the next rotation.
    expect(map.get('a')).toBe(0);
    map.set('e', 4);
    map.set('f', 5);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(0);
    expect(map.size).toBeLessThanOrEqual(4);
    for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
    expect(map.size).toBeLessThanOrEqual(4);
  });

  it('replaces the value of a key it holds without moving anything out', () => {
    const map = createRecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('b', 3);
    expect([map.get('a'), map.get('b'), map.size]).toEqual([1, 3, 2]);
  });
});
