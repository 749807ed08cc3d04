import { isCompressible, wireHeaders, type CachedResponse, type Surrogate, type WireHeaders } from './page-cache.js';
import { GZIP_TRAILER_BYTES, inflateMember } from './stitched-gzip.js';

/**
 * The ETag of a stitched page: its gzip trailer (the CRC-32 and length of the page as it is) and the member's own
 * length, all three already known, where a SHA-1 of the member cost some 3 µs an answer. A page whose text changes
 * keeps this tag only if its CRC-32 and both lengths all stay the same (one chance in four billion for a change); a
 * validator that only needs to tell this page's versions apart, not to resist forgery.
 */
const trailerEtag = (gzip: Buffer): string => {
  const tag = Buffer.allocUnsafe(GZIP_TRAILER_BYTES + 4);
  gzip.copy(tag, 0, gzip.byteLength - GZIP_TRAILER_BYTES);
  tag.writeUInt32LE(gzip.byteLength, GZIP_TRAILER_BYTES);
  return `"z${tag.toString('base64url')}"`;
};

/**
 * An HTML page stitched in gzip from kept pieces (server/reader/article-pieces.tsx), and the Content API's answers
 * stitched the same way: the body as it is is inflated from the member only if a client asks for it so, then kept.
 * Most readers and crawlers take gzip or Brotli: inflating every stitched page up front was a fifth of an archive
 * page's answer. The cache counts the body from the start, as if made.
 *
 * A class, so that `body` is a getter on its prototype: defined on each entry (Object.defineProperty), it turned the
 * entry into a dictionary-mode object, some 3 µs to make and slower to read at every answer of the archive walk.
 */
class StitchedEntry implements CachedResponse {
  readonly status = 200;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly bodyLength: number;
  readonly etag: string;
  readonly lastModified: number | undefined;
  readonly compressible: boolean;
  readonly gzip: Buffer;
  br: Buffer | null = null;
  readonly expiresAt: number;
  readonly surrogate: Surrogate | undefined;
  wire: WireHeaders;
  grew: ((bytes: number) => void) | undefined = undefined;
  #body: Buffer | null = null;

  constructor(gzip: Buffer, bodyLength: number, opts: StitchedOptions) {
    this.contentType = opts.contentType;
    this.cacheControl = opts.cacheControl;
    this.bodyLength = bodyLength;
    this.etag = opts.etag ?? trailerEtag(gzip);
    this.lastModified = opts.lastModified === undefined ? undefined : Math.floor(opts.lastModified / 1000) * 1000;
    this.compressible = isCompressible(bodyLength, opts.contentType);
    this.gzip = gzip;
    this.expiresAt = opts.expiresAt;
    this.surrogate = opts.surrogate;
    this.wire = wireHeaders(this);
  }

  get body(): Buffer {
    return (this.#body ??= inflateMember(this.gzip, this.bodyLength));
  }
}

interface StitchedOptions {
  contentType: string;
  cacheControl: string;
  expiresAt: number;
  lastModified?: number;
  surrogate?: Surrogate;
  /** The ETag when the caller has one already (the Content API's, from its parts' digests); else from the trailer. */
  etag?: string;
}

export const makeStitchedEntry = (gzip: Buffer, bodyLength: number, opts: StitchedOptions): CachedResponse =>
  new StitchedEntry(gzip, bodyLength, opts);
