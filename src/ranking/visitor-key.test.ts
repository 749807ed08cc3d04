import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addressArticleKeyOf, addressKeyOf, viewKeysOf, visitorKeyOf } from './visitor-key.js';

describe('viewKeysOf', () => {
  const salt = randomBytes(32);

  it('gives readers of one /64 one address key whatever their address and browser, and the visitor key apart', () => {
    const a = viewKeysOf(salt, '2001:db8:1:2::1', 'Browser A', 7);
    const b = viewKeysOf(salt, '2001:db8:1:2::2', 'Browser B', 7);
    expect(b.addressKey).toBe(a.addressKey);
    expect(b.addressArticleKey).toBe(a.addressArticleKey);
    expect(b.visitorKey).not.toBe(a.visitorKey);
    expect(b.pairKey).not.toBe(a.pairKey);
    expect(viewKeysOf(salt, '2001:db8:1:2::1', 'Browser A', 8).addressArticleKey).not.toBe(a.addressArticleKey);
  });

  it('derives 48-bit keys that change with the salt', () => {
    const keys = viewKeysOf(salt, '203.0.113.7', 'Browser', 7);
    for (const key of Object.values(keys)) expect(key).toBeLessThan(2 ** 48);
    expect(addressKeyOf(randomBytes(32), '203.0.113.7')).not.toBe(keys.addressKey);
    expect(addressArticleKeyOf(salt, '203.0.113.7', 7)).toBe(keys.addressArticleKey);
    // Tagged texts: an address key is never the visitor key of the same text with an empty user agent.
    expect(keys.addressKey).not.toBe(visitorKeyOf(salt, '203.0.113.7', ''));
  });
});
