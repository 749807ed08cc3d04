import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { viewCandidateOf } from './visitor-key.js';

describe('viewCandidateOf', () => {
  const salt = randomBytes(32);

  it('gives readers of one /64 one address key whatever their address and browser, and the visitor key apart', () => {
    const a = viewCandidateOf(salt, '2001:db8:1:2::1', 'Browser A', 7, 0);
    const b = viewCandidateOf(salt, '2001:db8:1:2::2', 'Browser B', 7, 0);
    expect(b.addressKey).toBe(a.addressKey);
    expect(b.addressArticleKey).toBe(a.addressArticleKey);
    expect(b.visitorKey).not.toBe(a.visitorKey);
    expect(b.pairKey).not.toBe(a.pairKey);
    expect(viewCandidateOf(salt, '2001:db8:1:2::1', 'Browser A', 8, 0).addressArticleKey).not.toBe(a.addressArticleKey);
  });

  it('derives 48-bit keys that change with the salt', () => {
    const keys = viewCandidateOf(salt, '203.0.113.7', 'Browser', 7, 0);
    for (const key of [keys.visitorKey, keys.pairKey, keys.addressKey, keys.addressArticleKey])
      expect(key).toBeLessThan(2 ** 48);
    const other = viewCandidateOf(randomBytes(32), '203.0.113.7', 'Browser', 7, 0);
    expect(other.addressKey).not.toBe(keys.addressKey);
    // The address-and-article key is the address's, whatever the browser.
    expect(viewCandidateOf(salt, '203.0.113.7', 'Another browser', 7, 0).addressArticleKey).toBe(
      keys.addressArticleKey,
    );
    // Tagged texts: an address key is never the visitor key of the same text with an empty user agent.
    expect(keys.addressKey).not.toBe(viewCandidateOf(salt, '203.0.113.7', '', 7, 0).visitorKey);
    expect(other.pairKey).not.toBe(keys.pairKey);
    expect(other.addressArticleKey).not.toBe(keys.addressArticleKey);
  });

  it("gives one reader's and one address's every article a key of its own", () => {
    // The article keys are mixed from the digest, not digested each: none of one reader's may collide.
    const pairs = new Set<number>();
    const budgets = new Set<number>();
    for (let id = 1; id <= 100_000; id++) {
      const c = viewCandidateOf(salt, '198.51.100.4', 'Browser', id, 0);
      expect(c.pairKey).toBeLessThan(2 ** 48);
      pairs.add(c.pairKey);
      budgets.add(c.addressArticleKey);
    }
    // Ids far apart, as a large archive's are, too.
    for (const id of [2 ** 24, 2 ** 24 + 1, 2 ** 31 - 1])
      pairs.add(viewCandidateOf(salt, '198.51.100.4', 'Browser', id, 0).pairKey);
    expect(pairs.size).toBe(100_003);
    expect(budgets.size).toBe(100_000);
  });
});
