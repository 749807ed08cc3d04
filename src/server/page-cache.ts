import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { SECURITY_HEADERS } from './security-headers.js';

/** A rendered response, ready to send as is. */
export interface CachedResponse {
  status: number;
  contentType: string;
  cacheControl: string;
  body: Buffer;
  /** For cached redirects. */
  location?: string;
  etag: string;
  /**
   * When what the entry shows last changed, in epoch ms rounded down to the second (HTTP dates have no finer
   * grain), sent as Last-Modified and compared with If-Modified-Since; absent when the entry does not say.
   */
  lastModified?: number;
  /** Compressed once when cached, for clients that accept gzip; null when not worth it. */
  gzip: Buffer | null;
  expiresAt: number;
  /** Every header of the entry, listed once when it is made and then sent as it is (send-cached.ts). */
  wire: WireHeaders;
}

/** Flat [name, value, …] header lists, as node:http's writeHead takes them, one per way the entry is sent. */
export interface WireHeaders {
  identity: string[];
  gzip: string[] | null;
  notModified: string[];
}

const SECURITY_WIRE = Object.entries(SECURITY_HEADERS).flat();

const wireHeaders = (
  e: Pick<CachedResponse, 'contentType' | 'cacheControl' | 'etag' | 'lastModified' | 'location' | 'body' | 'gzip'>,
): WireHeaders => {
  // X-Cache first: a miss sends the same list with its value changed (send-cached.ts).
  const common = [
    'x-cache',
    'HIT',
    ...SECURITY_WIRE,
    'cache-control',
    e.cacheControl,
    'etag',
    e.etag,
    ...(e.lastModified === undefined ? [] : ['last-modified', new Date(e.lastModified).toUTCString()]),
    ...(e.location ? ['location', e.location] : []),
    ...(e.gzip ? ['vary', 'Accept-Encoding'] : []),
  ];
  const full = [...common, 'content-type', e.contentType];
  return {
    identity: [...full, 'content-length', String(e.body.byteLength)],
    gzip: e.gzip ? [...full, 'content-encoding', 'gzip', 'content-length', String(e.gzip.byteLength)] : null,
    notModified: common,
  };
};

export interface ResponseCache {
  get(key: string, now: number): CachedResponse | undefined;
  set(key: string, entry: CachedResponse): void;
  clear(): void;
  readonly bytes: number;
  readonly size: number;
}

/**
 * gzipSync answers with a slice of a 16 KB buffer, and Buffer.from copies small buffers into a shared 8 KB pool:
 * either way a 3 KB page would keep far more alive than the cache counts. This copy owns exactly its bytes.
 */
const ownCopy = (bytes: Buffer): Buffer => {
  const own = Buffer.allocUnsafeSlow(bytes.byteLength);
  bytes.copy(own);
  return own;
};

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
  },
): CachedResponse => {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  const entry = {
    status: opts.status ?? 200,
    contentType: opts.contentType,
    cacheControl: opts.cacheControl,
    body: buf,
    ...(opts.location ? { location: opts.location } : {}),
    etag: `"${createHash('sha1').update(buf).digest('base64url').slice(0, 22)}"`,
    ...(opts.lastModified === undefined ? {} : { lastModified: Math.floor(opts.lastModified / 1000) * 1000 }),
    gzip:
      buf.byteLength >= 1024 && /^(text\/|application\/(json|xml|rss|atom))/.test(opts.contentType)
        ? ownCopy(gzipSync(buf, { level: 6 }))
        : null,
    expiresAt: opts.expiresAt,
  };
  return { ...entry, wire: wireHeaders(entry) };
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

/** The header lists' own cost: a pointer per item and the array; their strings are shared with the entry. */
const wireBytes = (w: WireHeaders): number =>
  (w.identity.length + (w.gzip?.length ?? 0) + w.notModified.length) * 8 + 3 * 32;

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
    e.body.byteLength +
    (e.gzip?.byteLength ?? 0) +
    wireBytes(e.wire);
  const remove = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= sizeOf(key, e);
    entries.delete(key);
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
      if (entry.body.byteLength * 2 > maxBytes) return;
      entries.set(key, entry);
      bytes += sizeOf(key, entry);
      for (const k of entries.keys()) {
        if (bytes <= maxBytes) break;
        remove(k);
      }
    },
    clear() {
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
