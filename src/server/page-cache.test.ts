import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotli, codedBody, createResponseCache, makeEntry, spreadExpiry } from './page-cache.js';

const entry = (bytes: number, expiresAt = Number.POSITIVE_INFINITY) =>
  makeEntry('x'.repeat(bytes), { contentType: 'application/octet-stream', cacheControl: 'no-store', expiresAt });

/** What one entry under one key counts for, read from a cache that holds only it. */
const costOf = (key: string, e: ReturnType<typeof entry>) => {
  const alone = createResponseCache(Number.MAX_SAFE_INTEGER);
  // A copy: caching the entry itself would point its growth at this throwaway cache.
  alone.set(key, { ...e });
  return alone.bytes;
};

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
    const budget = 3 * costOf('/a', entry(10_000));
    const cache = createResponseCache(budget);
    cache.set('/a', entry(10_000));
    cache.set('/b', entry(10_000));
    cache.get('/a', 0);
    cache.set('/c', entry(10_000));
    cache.set('/d', entry(10_000));
    expect(cache.get('/b', 0)).toBeUndefined();
    expect(cache.get('/a', 0)).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(budget);
  });

  it("counts a redirect's key, address and bookkeeping, so endless spellings of a path are evicted", () => {
    const cache = createResponseCache(1024 * 1024);
    for (let i = 0; i < 100_000; i++) {
      const redirect = makeEntry('', {
        status: 301,
        location: '/politics/20260121-1/',
        contentType: 'text/plain',
        cacheControl: 'public, max-age=3600',
        expiresAt: Number.POSITIVE_INFINITY,
      });
      cache.set(`/politics/20260121-1${'/'.repeat(1 + (i % 3))}?v=${i}`, redirect);
    }
    expect(cache.bytes).toBeLessThanOrEqual(1024 * 1024);
    // About 600 bytes each, as measured: a megabyte holds under two thousand.
    expect(cache.size).toBeLessThan(2_000);
  });

  it('does not keep an entry larger than half its budget', () => {
    const cache = createResponseCache(100);
    cache.set('/big', entry(60));
    expect(cache.size).toBe(0);
  });

  it('counts each compressed copy when a client first asks for it, so codings do not grow the cache past its budget', () => {
    // Text that compresses to a few kilobytes, not to a few bytes: each copy then outweighs its headers.
    let seed = 7;
    const words = Array.from({ length: 2_000 }, () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed.toString(36);
    }).join(' ');
    const text = makeEntry(words, { contentType: 'text/html; charset=utf-8', cacheControl: 'x', expiresAt: 1 });
    const raw = makeEntry(words, { contentType: 'application/octet-stream', cacheControl: 'x', expiresAt: 1 });
    const cache = createResponseCache(1_000_000);
    cache.set('/text', text);
    cache.set('/raw', raw);
    expect(cache.bytes).toBe(costOf('/text', text) + costOf('/raw', raw));
    const before = cache.bytes;
    const br = codedBody(text, 'br')!.body;
    const gzip = codedBody(text, 'gzip')!.body;
    expect(codedBody(raw, 'gzip')).toBeNull();
    expect(br.byteLength).toBeGreaterThan(1_000);
    expect(cache.bytes - before).toBeGreaterThan(gzip.byteLength + br.byteLength);
    // Asked again, nothing new is made or counted; and the count still matches what removal subtracts.
    expect(codedBody(text, 'br')!.body).toBe(br);
    expect(cache.bytes).toBe(costOf('/text', text) + costOf('/raw', raw));
    cache.set('/text', entry(10));
    cache.set('/raw', entry(10));
    expect(cache.bytes).toBe(costOf('/text', entry(10)) + costOf('/raw', entry(10)));
  });

  it('drops least recently used entries when a coding made later takes the cache past its budget', () => {
    const page = (n: number) =>
      makeEntry(`<p>${'story '.repeat(400)}${n}</p>`, { contentType: 'text/html', cacheControl: 'x', expiresAt: 9 });
    const first = page(1);
    const second = page(2);
    const cache = createResponseCache(costOf('/1', first) + costOf('/2', second) + 100);
    cache.set('/1', first);
    cache.set('/2', second);
    expect(cache.size).toBe(2);
    codedBody(second, 'gzip');
    expect(cache.get('/1', 0)).toBeUndefined();
    expect(cache.get('/2', 0)).toBe(second);
    // An entry no longer cached makes its codings without counting them anywhere.
    codedBody(first, 'br');
    expect(cache.bytes).toBe(costOf('/2', second));
  });

  it('counts bytes correctly when an entry is replaced or cleared', () => {
    const cache = createResponseCache(10_000);
    cache.set('/a', entry(100));
    cache.set('/a', entry(50));
    expect(cache.bytes).toBe(costOf('/a', entry(50)));
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});

describe('makeEntry', () => {
  it('compresses text larger than a kilobyte only when a client asks for a coding, and gives a stable ETag', () => {
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
    expect([html.compressible, html.gzip, html.br, html.wire.gzip, html.wire.br]).toEqual([
      true,
      null,
      null,
      null,
      null,
    ]);
    const gzip = codedBody(html, 'gzip')!.body;
    expect(gzip.byteLength).toBeLessThan(html.body.byteLength);
    expect(html.gzip).toBe(gzip);
    expect(html.br).toBeNull();
    expect(html.etag).toBe(again.etag);
    // The compressed copy owns its memory: not a slice of zlib's larger output buffer that the count would miss.
    expect(gzip.buffer.byteLength).toBe(gzip.byteLength);
  });

  it('makes a Brotli copy beside the gzip one, each decoding to the body, each sent with its own headers', () => {
    const html = makeEntry('<p>hello</p>'.repeat(200), {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'x',
      expiresAt: 0,
    });
    const br = codedBody(html, 'br')!;
    const gzip = codedBody(html, 'gzip')!;
    expect(brotliDecompressSync(br.body).equals(html.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(html.body)).toBe(true);
    expect(br.body.buffer.byteLength).toBe(br.body.byteLength);
    const header = (list: string[], name: string) => list[list.indexOf(name) + 1];
    expect(header(br.wire, 'content-encoding')).toBe('br');
    expect(header(br.wire, 'content-length')).toBe(String(br.body.byteLength));
    expect(header(gzip.wire, 'content-encoding')).toBe('gzip');
    expect(header(gzip.wire, 'content-length')).toBe(String(gzip.body.byteLength));
    // The coded lists are the identity list with the coding and its own length in place of the body's.
    expect(br.wire.slice(0, -4)).toEqual(html.wire.identity.slice(0, -2));
    expect(br.wire.slice(-4)).toEqual(['content-encoding', 'br', 'content-length', String(br.body.byteLength)]);
    for (const list of [html.wire.identity, gzip.wire, br.wire, html.wire.notModified]) {
      expect(header(list, 'vary')).toBe('Accept-Encoding');
    }
  });

  it('sends a Brotli body made beforehand as it is', () => {
    const css = Buffer.from('body { margin: 0 }\n'.repeat(100));
    const best = brotli(css, 11);
    const e = makeEntry(css, { contentType: 'text/css', cacheControl: 'x', expiresAt: 0, br: best });
    expect(e.br!.equals(best)).toBe(true);
    expect(codedBody(e, 'br')!.body.equals(best)).toBe(true);
    expect(e.br!.byteLength).toBeLessThanOrEqual(brotli(css, 5).byteLength);
  });

  it('leaves images and tiny bodies uncompressed, in either coding', () => {
    const tiny = makeEntry('abc', { contentType: 'text/html', cacheControl: 'x', expiresAt: 0 });
    const photo = makeEntry(Buffer.alloc(5000), { contentType: 'image/jpeg', cacheControl: 'x', expiresAt: 0 });
    for (const e of [tiny, photo]) {
      expect([codedBody(e, 'gzip'), codedBody(e, 'br')]).toEqual([null, null]);
      expect([e.gzip, e.br, e.wire.gzip, e.wire.br]).toEqual([null, null, null, null]);
      expect(e.wire.identity).not.toContain('vary');
    }
  });
});

describe('makeEntry with a date', () => {
  it('lists Last-Modified, to the second, in every way the entry is sent', () => {
    const e = makeEntry('<p>dated</p>'.repeat(200), {
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'x',
      expiresAt: 0,
      lastModified: Date.UTC(2026, 0, 21, 4, 1, 0, 750),
    });
    expect(e.lastModified).toBe(Date.UTC(2026, 0, 21, 4, 1, 0));
    for (const list of [e.wire.identity, codedBody(e, 'gzip')!.wire, codedBody(e, 'br')!.wire, e.wire.notModified]) {
      const at = list.indexOf('last-modified');
      expect(list[at + 1]).toBe('Wed, 21 Jan 2026 04:01:00 GMT');
    }
  });

  it('sends no Last-Modified when the entry was given no date', () => {
    const e = makeEntry('abc', { contentType: 'text/plain', cacheControl: 'x', expiresAt: 0 });
    expect(e.lastModified).toBeUndefined();
    expect(e.wire.identity).not.toContain('last-modified');
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
