import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createResponseCache, makeEntry, withSecurityHeaders } from './page-cache.js';
import { makeStitchedEntry } from './stitched-entry.js';
import { deflatePiece, stitchGzip } from './stitched-gzip.js';

const page = '<!DOCTYPE html><html><body>' + '<p>The council met on Tuesday.</p>'.repeat(80) + '</body></html>';
const opts = {
  contentType: 'text/html; charset=utf-8',
  cacheControl: 'public, max-age=60',
  expiresAt: 10_000,
  lastModified: 5_500,
};

const stitchedOf = (text: string) =>
  makeStitchedEntry(
    stitchGzip([deflatePiece(text.slice(0, 900)), deflatePiece(text.slice(900))]),
    Buffer.byteLength(text),
    opts,
  );

/**
 * An entry whose member has the right header, trailer and length but no deflate data a decoder can read: made,
 * tagged, cached and given headers, it shows the body was never inflated; reading the body fails.
 */
const unreadable = () => {
  const member = stitchGzip([deflatePiece(page)]);
  member.fill(0xff, 10, member.byteLength - 8);
  return makeStitchedEntry(member, Buffer.byteLength(page), opts);
};

describe('makeStitchedEntry', () => {
  it('answers gzip as stitched and the body as it is, made once and kept', () => {
    const entry = stitchedOf(page);
    expect(gunzipSync(entry.gzip!).toString()).toBe(page);
    expect(entry.body.toString()).toBe(page);
    expect(entry.body).toBe(entry.body);
  });

  it('inflates the body only when it is read', () => {
    const entry = unreadable();
    expect(entry.etag).toMatch(/^"z[\w-]{16}"$/);
    expect(() => entry.body).toThrow();
  });

  it('lists the headers a whole entry of the same page lists, but for the ETag', () => {
    const entry = stitchedOf(page);
    const whole = makeEntry(page, opts);
    const withoutEtag = (list: string[]) => list.filter((_, i) => list[i - 1] !== 'etag' && list[i] !== 'etag');
    expect(withoutEtag(entry.wire.identity)).toEqual(withoutEtag(whole.wire.identity));
    expect(entry.wire.gzip).toContain('gzip');
    expect(entry.etag).toMatch(/^"z[\w-]{16}"$/);
  });

  it('tags the same page alike and another page apart, from its gzip trailer', () => {
    const entryOf = stitchedOf;
    expect(entryOf(page).etag).toBe(entryOf(page).etag);
    // One letter changed, the length the same: the CRC-32 tells them apart.
    expect(entryOf(page.replace('Tuesday', 'Thursday').replace('council', 'counci')).etag).not.toBe(entryOf(page).etag);
    expect(entryOf(page.replace('Tuesday', 'Tuesdax')).etag).not.toBe(entryOf(page).etag);
    expect(makeStitchedEntry(stitchedOf(page).gzip!, 1, { ...opts, etag: '"given"' }).etag).toBe('"given"');
  });

  it('is kept, counted and given other security headers without being inflated', () => {
    const entry = unreadable();
    const cache = createResponseCache(1024 * 1024);
    cache.set('/a/', withSecurityHeaders(entry, { 'content-security-policy': "default-src 'self'" }));
    expect(cache.bytes).toBeGreaterThan(Buffer.byteLength(page) + entry.gzip!.byteLength);
    expect(cache.get('/a/', 0)!.wire.identity).toContain('content-security-policy');
    cache.clear();
    expect(cache.bytes).toBe(0);
  });
});
