import { describe, expect, it } from 'vitest';
import { createResponseCache, makeEntry, spreadExpiry } from './page-cache.js';

const entry = (bytes: number, expiresAt = Number.POSITIVE_INFINITY) =>
  makeEntry('x'.repeat(bytes), { contentType: 'application/octet-stream', cacheControl: 'no-store', expiresAt });

describe('the response cache', () => {
  it('returns what was stored', () => {
    const cache = createResponseCache(1000);
    const e = entry(10);
    cache.set('/a', e);
    expect(cache.get('/a', 0)).toBe(e);
  });

  it('forgets entries once they expire', () => {
    const cache = createResponseCache(1000);
    cache.set('/a', entry(10, 100));
    expect(cache.get('/a', 99)).toBeDefined();
    expect(cache.get('/a', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry when over its byte budget', () => {
    const cache = createResponseCache(300);
    cache.set('/a', entry(100));
    cache.set('/b', entry(100));
    cache.get('/a', 0);
    cache.set('/c', entry(100));
    cache.set('/d', entry(100));
    expect(cache.get('/b', 0)).toBeUndefined();
    expect(cache.get('/a', 0)).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(300);
  });

  it('does not keep an entry larger than half its budget', () => {
    const cache = createResponseCache(100);
    cache.set('/big', entry(60));
    expect(cache.size).toBe(0);
  });

  it('counts bytes correctly when an entry is replaced or cleared', () => {
    const cache = createResponseCache(1000);
    cache.set('/a', entry(100));
    cache.set('/a', entry(50));
    expect(cache.bytes).toBe(50);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});

describe('makeEntry', () => {
  it('precompresses text larger than a kilobyte, and gives a stable ETag', () => {
    const html = makeEntry('<p>hello</p>'.repeat(200), {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'x',
      expiresAt: 0,
    });
    const again = makeEntry('<p>hello</p>'.repeat(200), {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'x',
      expiresAt: 0,
    });
    expect(html.gzip!.byteLength).toBeLessThan(html.body.byteLength);
    expect(html.etag).toBe(again.etag);
  });

  it('leaves images and tiny bodies uncompressed', () => {
    expect(makeEntry('abc', { contentType: 'text/html', cacheControl: 'x', expiresAt: 0 }).gzip).toBeNull();
    expect(
      makeEntry(Buffer.alloc(5000), { contentType: 'image/jpeg', cacheControl: 'x', expiresAt: 0 }).gzip,
    ).toBeNull();
  });
});

describe('spreadExpiry', () => {
  it('keeps an entry for the full TTL at one end of the spread and the shortened TTL at the other', () => {
    expect(spreadExpiry(1000, 30_000, 1 / 3, 0)).toBe(31_000);
    expect(spreadExpiry(1000, 30_000, 1 / 3, 0.999_999)).toBe(21_000);
  });

  it('never outlives the TTL, so a scheduled article still reaches fronts within it', () => {
    for (const random of [0, 0.25, 0.5, 0.75, 0.999]) {
      const expiresAt = spreadExpiry(0, 30_000, 1 / 3, random);
      expect(expiresAt).toBeLessThanOrEqual(30_000);
      expect(expiresAt).toBeGreaterThanOrEqual(20_000);
    }
  });
});
