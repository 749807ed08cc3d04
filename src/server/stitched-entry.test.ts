import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createResponseCache, makeEntry, withSecurityHeaders } from './page-cache.js';
import { makeStitchedEntry } from './stitched-entry.js';
import { deflatePiece, inflatePieces, stitchGzip } from './stitched-gzip.js';

const page = '<!DOCTYPE html><html><body>' + '<p>The council met on Tuesday.</p>'.repeat(80) + '</body></html>';
const opts = {
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=60',
  expiresAt: 10_000,
  lastModified: 5_500,
};

const stitched = () => {
  const pieces = [deflatePiece(page.slice(0, 900)), deflatePiece(page.slice(900))];
  let inflated = 0;
  const entry = makeStitchedEntry(
    stitchGzip(pieces),
    Buffer.byteLength(page),
    () => {
      inflated++;
      return inflatePieces(pieces);
    },
    opts,
  );
  return { entry, inflated: () => inflated };
};

describe('makeStitchedEntry', () => {
  it('answers gzip as stitched and the body as it is only when read, once', () => {
    const { entry, inflated } = stitched();
    expect(gunzipSync(entry.gzip!).toString()).toBe(page);
    expect(inflated()).toBe(0);
    expect(entry.body.toString()).toBe(page);
    expect(entry.body.toString()).toBe(page);
    expect(inflated()).toBe(1);
  });

  it('lists the headers a whole entry of the same page lists, but for the ETag', () => {
    const { entry, inflated } = stitched();
    const whole = makeEntry(page, opts);
    const withoutEtag = (list: string[]) => list.filter((_, i) => list[i - 1] !== 'etag' && list[i] !== 'etag');
    expect(withoutEtag(entry.wire.identity)).toEqual(withoutEtag(whole.wire.identity));
    expect(entry.wire.gzip).toContain('gzip');
    expect(entry.etag).toMatch(/^"z[\w-]{16}"$/);
    expect(inflated()).toBe(0);
  });

  it('tags the same page alike and another page apart, from its gzip trailer', () => {
    const entryOf = (text: string) => {
      const pieces = [deflatePiece(text.slice(0, 900)), deflatePiece(text.slice(900))];
      return makeStitchedEntry(stitchGzip(pieces), Buffer.byteLength(text), () => inflatePieces(pieces), opts);
    };
    expect(entryOf(page).etag).toBe(stitched().entry.etag);
    // One letter changed, the length the same: the CRC-32 tells them apart.
    expect(entryOf(page.replace('Tuesday', 'Thursday').replace('council', 'counci')).etag).not.toBe(entryOf(page).etag);
    expect(entryOf(page.replace('Tuesday', 'Tuesdax')).etag).not.toBe(entryOf(page).etag);
    expect(makeStitchedEntry(stitched().entry.gzip!, 1, () => Buffer.alloc(1), { ...opts, etag: '"given"' }).etag).toBe(
      '"given"',
    );
  });

  it('is kept, counted and given other security headers without being inflated', () => {
    const { entry, inflated } = stitched();
    const cache = createResponseCache(1024 * 1024);
    cache.set('/a/', withSecurityHeaders(entry, { 'content-security-policy': "default-src 'self'" }));
    expect(cache.bytes).toBeGreaterThan(Buffer.byteLength(page) + entry.gzip!.byteLength);
    expect(cache.get('/a/', 0)!.wire.identity).toContain('content-security-policy');
    expect(inflated()).toBe(0);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});
