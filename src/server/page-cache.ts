import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './security-headers.js';
import { codedWire, wireHeaders, type Surrogate, type WireHeaders } from './wire-headers.js';

export type { Surrogate, WireHeaders };
export { wireHeaders };

/** A rendered response, ready to send as is. */
export interface CachedResponse {
  status: number;
  contentType: string;
  cacheControl: string;
  /** The body as it is; for a stitched page (makeStitchedEntry) made the first time it is read. */
  body: Buffer;
  /** Its length in bytes, known before it is made: the headers and the cache's count use this. */
  bodyLength: number;
  /** For cached redirects. */
  location?: string;
  etag: string;
  /**
   * When what the entry shows last changed, in epoch ms rounded down to the second (HTTP dates have no finer
   * grain), sent as Last-Modified and compared with If-Modified-Since; absent when the entry does not say.
   */
  lastModified?: number;
  /** Whether the body is worth compressing (isCompressible): then it is sent in gzip or Brotli to clients that ask. */
  compressible: boolean;
  /**
   * The body in gzip, made the first time a client asks for it (codedBody) and kept; null until then, and always
   * for a body not worth compressing. A page that only browsers read is never gzipped; the archive walk of a
   * crawler that takes only gzip never pays for Brotli.
   */
  gzip: Buffer | null;
  /** The same in Brotli: made on first request, or beforehand for static files (makeEntry's `br`). */
  br: Buffer | null;
  expiresAt: number;
  /**
   * For the cache in front (issue 18, domain/surrogate-keys.ts): the keys a purge finds this response by, and how
   * long the proxy may keep it (browsers keep Cache-Control's shorter time). Absent: no surrogate headers.
   */
  surrogate?: Surrogate;
  /** Every header of the entry, listed once when it (or one of its codings) is made, then sent as it is. */
  wire: WireHeaders;
  /** Told how many bytes a coding made after caching added, so the cache that holds the entry can count them. */
  grew?: (bytes: number) => void;
}

export interface ResponseCache {
  get(key: string, now: number): CachedResponse | undefined;
  set(key: string, entry: CachedResponse): void;
  clear(): void;
  readonly bytes: number;
  readonly size: number;
}

/**
 * gzipSync and brotliCompressSync answer with a slice of a 16 KB buffer, and Buffer.from copies small buffers into a
 * shared 8 KB pool: either way a 3 KB page would keep far more alive than the cache counts. This copy owns exactly
 * its bytes.
 */
const ownCopy = (bytes: Buffer): Buffer => {
  const own = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(own);
  return own;
};

/**
 * Brotli quality for what is compressed as it is rendered (pages, feeds, sitemaps), on the event loop. Measured: 5
 * costs 0.2-0.5 ms of CPU on a 16-25 KB page (gzip 6: 0.17 ms), about as much as gzip on a 77 KB feed or a 97 KB
 * sitemap, under 1% of making the page, for bodies 5-19% smaller than gzip's. 4 is barely smaller than gzip; 9 to 11
 * cost 6-125 ms (docs/architecture/0013-brotli.md).
 */
export const RENDERED_BROTLI_QUALITY = 5;
/** Static files are compressed once, by the build or at start (static-assets.ts): the smallest bodies win. */
export const STATIC_BROTLI_QUALITY = 11;

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|rss|atom))/;

/** Whether makeEntry keeps compressed copies of a body: text of a kilobyte or more. */
export const isCompressible = (byteLength: number, contentType: string): boolean =>
  byteLength >= 1024 && COMPRESSIBLE.test(contentType);

/** A body in Brotli at `quality`; every body compressed here is text, and its size is known up front. */
export const brotli = (body: Buffer, quality: number): Buffer =>
  brotliCompressSync(body, {
    params: {
      [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
      [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
      [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
    },
  });

export const makeEntry = (
  body: string | Buffer,
  opts: {
    status?: number;
    contentType: string;
    cacheControl: string;
    expiresAt: number;
    location?: string;
    /** Epoch ms; see CachedResponse.lastModified. */
    lastModified?: number;
    /** The body in Brotli, made beforehand (static files); otherwise made here at RENDERED_BROTLI_QUALITY. */
    br?: Buffer;
    surrogate?: Surrogate;
  },
): CachedResponse => {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  const compressible = isCompressible(buf.byteLength, opts.contentType);
  const entry = {
    status: opts.status ?? 200,
    contentType: opts.contentType,
    cacheControl: opts.cacheControl,
    body: buf,
    bodyLength: buf.byteLength,
    ...(opts.location ? { location: opts.location } : {}),
    etag: `"${createHash('sha1').update(buf).digest('base64url').slice(0, 22)}"`,
    ...(opts.lastModified === undefined ? {} : { lastModified: Math.floor(opts.lastModified / 1000) * 1000 }),
    compressible,
    gzip: null,
    br: compressible && opts.br ? ownCopy(opts.br) : null,
    expiresAt: opts.expiresAt,
    ...(opts.surrogate ? { surrogate: opts.surrogate } : {}),
  };
  return { ...entry, wire: wireHeaders(entry) };
};

/**
 * The entry with other security headers (reader pages with the plugins' CSP sources: security-headers.ts), its header
 * lists made again once, when it is rendered; the entry itself when they are the default ones, as without plugins.
 */
export const withSecurityHeaders = (
  entry: CachedResponse,
  headers: Readonly<Record<string, string>>,
): CachedResponse => {
  if (headers === SECURITY_HEADERS) return entry;
  // In place (the entry was just rendered and is no one else's yet): a copy would read a stitched entry's body.
  entry.wire = wireHeaders(entry, Object.entries(headers).flat());
  return entry;
};

/**
 * The entry's body in `coding`, with the headers to send it: made from the body the first time a client asks
 * (gzip at level 6, Brotli at RENDERED_BROTLI_QUALITY), then kept on the entry. Null for a body not worth
 * compressing. Each coding is made at most once per entry: the event loop runs one request at a time.
 */
export const codedBody = (entry: CachedResponse, coding: 'gzip' | 'br'): { wire: string[]; body: Buffer } | null => {
  if (!entry.compressible) return null;
  let bytes = entry[coding];
  if (bytes === null) {
    bytes = ownCopy(
      coding === 'gzip' ? gzipSync(entry.body, { level: 6 }) : brotli(entry.body, RENDERED_BROTLI_QUALITY),
    );
    entry[coding] = bytes;
    entry.wire[coding] = codedWire(entry.wire.identity.slice(0, -2), coding, bytes);
    entry.grew?.(bytes.byteLength + entry.wire[coding].length * 8 + 32);
  }
  return { wire: entry.wire[coding]!, body: bytes };
};

/**
 * An expiry `ttlMs` after `now`, shortened by up to `spread` of it as `random` (0 ≤ random < 1) goes from 0 to 1.
 * Pages rendered together (at start-up, or after a content change empties the cache) would otherwise all
 * expire in the same instant every TTL and be rendered again in one burst, during which every other request
 * waits: with 200 hot article pages, about 0.3 s of rendering in one go, and a p99 over the next two seconds
 * several times the usual. Spread, their renders drift further apart with every expiry.
 */
export const spreadExpiry = (now: number, ttlMs: number, spread: number, random: number): number =>
  now + Math.round(ttlMs * (1 - spread * random));

/**
 * Least-recently-used, bounded by bytes rather than entries: a few thousand article pages fit in the
 * default 64 MB, and a crawler walking the archive cannot grow the process without limit.
 */
/** What an entry costs besides its strings and bodies: the object, its headers and the Map slot (measured ~550). */
const ENTRY_OVERHEAD_BYTES = 512;

/** The header lists' own cost: a pointer per item and each array; their strings are shared with the entry. */
const wireBytes = (w: WireHeaders): number =>
  [w.identity, w.gzip, w.br, w.notModified].reduce((sum, list) => sum + (list ? list.length * 8 + 32 : 0), 0);

export const createResponseCache = (maxBytes: number): ResponseCache => {
  const entries = new Map<string, CachedResponse>();
  let bytes = 0;
  // An entry costs more than its body: a redirect has none, yet 200,000 of them held ~620 bytes each (key, address,
  // ETag, headers, the Map slot). Counted as bodies only, a million spellings of article paths held 523 MB.
  const sizeOf = (key: string, e: CachedResponse) =>
    ENTRY_OVERHEAD_BYTES +
    key.length +
    e.etag.length +
    // The Last-Modified date, written once into the header lists.
    (e.lastModified === undefined ? 0 : 32) +
    (e.location?.length ?? 0) +
    e.bodyLength +
    (e.gzip?.byteLength ?? 0) +
    (e.br?.byteLength ?? 0) +
    wireBytes(e.wire);
  const evictToFit = () => {
    for (const k of entries.keys()) {
      if (bytes <= maxBytes) break;
      remove(k);
    }
  };
  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= sizeOf(key, e);
    entries.delete(key);
    e.grew = undefined;
  };
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.expiresAt <= now) {
        remove(key);
        return undefined;
      }
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      entries.delete(key);
      entries.set(key, e);
      return e;
    },
    set(key, entry) {
      remove(key);
      if (entry.bodyLength * 2 > maxBytes) return;
      entries.set(key, entry);
      bytes += sizeOf(key, entry);
      // A coding made later, on a client's first request for it, is counted then.
      entry.grew = (added) => {
        bytes += added;
        evictToFit();
      };
      evictToFit();
    },
    clear() {
      for (const e of entries.values()) e.grew = undefined;
      entries.clear();
      bytes = 0;
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
};
