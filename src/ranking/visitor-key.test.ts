import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addressArticleKeyOf, addressKeyOf, addressOf, viewKeysOf, visitorKeyOf } from './visitor-key.js';

describe('addressOf', () => {
  it('keeps an IPv4 address whole', () => {
    expect(addressOf('203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf('203.0.113.8')).not.toBe(addressOf('203.0.113.7'));
  });

  it('reads an IPv4-mapped IPv6 address as the IPv4 address, in either spelling', () => {
    expect(addressOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressOf('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(addressOf('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('groups IPv6 addresses by their /64, however they are written', () => {
    const home = addressOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(home).toBe('2001:db8:1:2::/64');
    expect(addressOf('2001:db8:1:2::1')).toBe(home);
    expect(addressOf('2001:0db8:0001:0002:0:0:0:ffff')).toBe(home);
    expect(addressOf('2001:db8:1:2::1%eth0')).toBe(home);
    expect(addressOf('2001:db8:1:2::10.0.0.1')).toBe(home);
    expect(addressOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressOf('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps anything that is not an address as written', () => {
    expect(addressOf('unknown')).toBe('unknown');
    expect(addressOf('')).toBe('');
  });
});

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
