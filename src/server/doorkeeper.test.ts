import { describe, expect, it } from 'vitest';
import { createDoorkeeper } from './doorkeeper.js';

describe('admission on the second request', () => {
  it('lets a key in the second time it is asked for, and every time after', () => {
    const again = createDoorkeeper();
    expect(again('/politics/20261201-5/')).toBe(false);
    expect(again('/politics/20261201-6/')).toBe(false);
    expect(again('/politics/20261201-5/')).toBe(true);
    expect(again('/politics/20261201-5/')).toBe(true);
    expect(again('/politics/20261201-6/')).toBe(true);
  });

  it('forgets a key whose slot another key took since, which is then let in a request later', () => {
    const again = createDoorkeeper(1);
    expect(again('/a/')).toBe(false);
    expect(again('/b/')).toBe(false);
    expect(again('/a/')).toBe(false);
    expect(again('/a/')).toBe(true);
  });

  it('remembers most of a walk of ten thousand addresses in its default size', () => {
    const again = createDoorkeeper();
    const paths = Array.from({ length: 10_000 }, (_, i) => `/national/2026120${i % 9}-${i}/`);
    for (const p of paths) expect(again(p)).toBe(false);
    const remembered = paths.filter((p) => again(p)).length;
    // 10,000 keys in 65,536 slots: about 7% lose their slot to a later key of the walk, and about as many to a key
    // forgotten and so written again while they are asked the second time.
    expect(remembered).toBeGreaterThan(8_400);
  });

  it('refuses a table size that is not a power of two', () => {
    expect(() => createDoorkeeper(1000)).toThrow(/power of two/);
  });
});
