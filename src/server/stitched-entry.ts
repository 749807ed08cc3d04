import { createHash } from 'node:crypto';
import { isCompressible, wireHeaders, type CachedResponse, type Surrogate } from './page-cache.js';

/**
 * An HTML page stitched in gzip from kept pieces (server/reader/article-pieces.tsx): its ETag is the gzip's digest,
 * and the body as it is is made only if a client asks for it so (`inflate`), then kept. Most readers and crawlers take
 * gzip or Brotli: inflating every stitched page up front was a fifth of an archive page's answer. The cache counts
 * the body from the start, as if made.
 */
export const makeStitchedEntry = (
  gzip: Buffer,
  bodyLength: number,
  inflate: () => Buffer,
  opts: {
    contentType: string;
    cacheControl: string;
    expiresAt: number;
    lastModified?: number;
    surrogate?: Surrogate;
    /** The ETag when the caller has one already (the Content API's, from its parts' digests); else the gzip's digest. */
    etag?: string;
  },
): CachedResponse => {
  let body: Buffer | null = null;
  const fields = {
    status: 200,
    contentType: opts.contentType,
    cacheControl: opts.cacheControl,
    bodyLength,
    etag: opts.etag ?? `"${createHash('sha1').update(gzip).digest('base64url').slice(0, 22)}"`,
    ...(opts.lastModified === undefined ? {} : { lastModified: Math.floor(opts.lastModified / 1000) * 1000 }),
    compressible: isCompressible(bodyLength, opts.contentType),
    gzip,
    br: null,
    expiresAt: opts.expiresAt,
    ...(opts.surrogate ? { surrogate: opts.surrogate } : {}),
  };
  const entry = { ...fields, wire: wireHeaders(fields) } as CachedResponse;
  Object.defineProperty(entry, 'body', {
    enumerable: true,
    get: () => (body ??= inflate()),
  });
  return entry;
};
