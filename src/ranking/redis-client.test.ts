import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './redis-client.js';

describe('the wait before reconnecting to Redis', () => {
  it('doubles from 100 ms', () => {
    const top = (retries: number) => reconnectDelay(retries, () => 1);
    expect([0, 1, 2, 3].map(top)).toEqual([100, 200, 400, 800]);
  });

  it('stops growing at 5 s, however long Redis stays away', () => {
    expect(reconnectDelay(10, () => 1)).toBe(5_000);
    expect(reconnectDelay(10_000, () => 1)).toBe(5_000);
  });

  it('draws each wait from its upper half, so that nodes do not knock in step', () => {
    expect(reconnectDelay(10, () => 0)).toBe(2_500);
    expect(reconnectDelay(10, () => 0.5)).toBe(3_750);
  });
});
