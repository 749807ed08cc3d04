import type { ServerResponse } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeEntry } from './page-cache.js';
import { isNotModified, writeCached, type CachedRequest } from './send-cached.js';

const at = Date.UTC(2026, 0, 21, 4, 1, 0);
const entry = { status: 200, etag: '"abc"', lastModified: at };

describe('isNotModified', () => {
  it('answers 304 to the entry’s own ETag, alone, in a list, weak or as *', () => {
    expect(isNotModified(entry, '"abc"', undefined)).toBe(true);
    expect(isNotModified(entry, '"zzz", "abc"', undefined)).toBe(true);
    expect(isNotModified(entry, 'W/"abc"', undefined)).toBe(true);
    expect(isNotModified(entry, '*', undefined)).toBe(true);
    expect(isNotModified(entry, '"zzz"', undefined)).toBe(false);
  });

  it('answers 304 when the client’s date is the entry’s or later, and not when it is earlier', () => {
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 04:01:00 GMT')).toBe(true);
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(true);
    expect(isNotModified(entry, undefined, 'Wed, 21 Jan 2026 04:00:59 GMT')).toBe(false);
  });

  it('lets If-None-Match decide when both are sent', () => {
    expect(isNotModified(entry, '"zzz"', 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(false);
  });

  it('sends in full for a date that is no date, an entry with no date, or an answer that is not a 200', () => {
    expect(isNotModified(entry, undefined, 'yesterday-ish')).toBe(false);
    expect(isNotModified({ status: 200, etag: '"abc"' }, undefined, 'Wed, 21 Jan 2026 05:00:00 GMT')).toBe(false);
    expect(isNotModified({ ...entry, status: 301 }, '"abc"', undefined)).toBe(false);
  });
});

describe('writeCached', () => {
  const page = makeEntry('<p>A page long enough to compress.</p>\n'.repeat(100), {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'public, max-age=30',
    expiresAt: Number.POSITIVE_INFINITY,
  });

  /** What node:http would be told: the status, the headers as a list, and the body (undefined: none). */
  const written = (entry: typeof page, headers: CachedRequest['headers'], method = 'GET') => {
    const sent: { status?: number; headers?: string[]; body?: Buffer | undefined } = {};
    const res = {
      writeHead: (status: number, list: string[]) => Object.assign(sent, { status, headers: list }),
      end: (body?: Buffer) => Object.assign(sent, { body }),
    } as unknown as ServerResponse;
    writeCached({ method, headers }, res, entry, 'HIT');
    const header = (name: string) => {
      const at = sent.headers!.indexOf(name);
      return at < 0 ? undefined : sent.headers![at + 1];
    };
    return { ...sent, encoding: header('content-encoding'), length: header('content-length') };
  };

  it('sends Brotli to a browser, gzip to a client that takes only gzip, and the body as it is otherwise', () => {
    const br = written(page, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect([br.status, br.encoding, br.length]).toEqual([200, 'br', String(page.br!.byteLength)]);
    expect(brotliDecompressSync(br.body!).equals(page.body)).toBe(true);
    const gzip = written(page, { 'accept-encoding': 'gzip, deflate' });
    expect([gzip.encoding, gzip.length]).toEqual(['gzip', String(page.gzip!.byteLength)]);
    expect(gunzipSync(gzip.body!).equals(page.body)).toBe(true);
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]) {
      const plain = written(page, headers);
      expect([plain.encoding, plain.length, plain.body]).toEqual([undefined, String(page.body.byteLength), page.body]);
    }
  });

  it('follows the weights a client gives', () => {
    expect(written(page, { 'accept-encoding': 'gzip;q=1, br;q=0.5' }).encoding).toBe('gzip');
    expect(written(page, { 'accept-encoding': 'gzip, br;q=0' }).encoding).toBe('gzip');
  });

  it('answers HEAD with the headers of the coding chosen and no body', () => {
    const head = written(page, { 'accept-encoding': 'br' }, 'HEAD');
    expect([head.status, head.encoding, head.length, head.body]).toEqual([
      200,
      'br',
      String(page.br!.byteLength),
      undefined,
    ]);
  });

  it('answers a copy still good with 304 and no body, whatever the coding', () => {
    for (const ae of ['br', 'gzip', undefined]) {
      const again = written(page, { 'accept-encoding': ae, 'if-none-match': page.etag });
      expect([again.status, again.encoding, again.body]).toEqual([304, undefined, undefined]);
    }
  });

  it('never encodes what was kept uncompressed, such as a photo', () => {
    const photo = makeEntry(Buffer.alloc(5000, 7), {
      contentType: 'image/jpeg',
      cacheControl: 'public, max-age=31536000, immutable',
      expiresAt: Number.POSITIVE_INFINITY,
    });
    const sent = written(photo, { 'accept-encoding': 'gzip, deflate, br' });
    expect([sent.encoding, sent.body]).toEqual([undefined, photo.body]);
  });
});
