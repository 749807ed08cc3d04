import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A rendered response, ready to send as is. */
export interface CachedResponse {
  status: number;
  contentType: string;
  cacheControl: string;
  body: Buffer;
  /** For cached redirects. */
  location?: string;
  etag: string;
  /** Compressed once when cached, for clients that accept gzip; null when not worth it. */
  gzip: Buffer | null;
  expiresAt: number;
}

export interface ResponseCache {
  get(key: string, now: number): CachedResponse | undefined;
  set(key: string, entry: CachedResponse): void;
  clear(): void;
  readonly bytes: number;
  readonly size: number;
}

export const makeEntry = (
  body: string | Buffer,
  opts: { status?: number; contentType: string; cacheControl: string; expiresAt: number; location?: string },
): CachedResponse => {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  return {
    status: opts.status ?? 200,
    contentType: opts.contentType,
    cacheControl: opts.cacheControl,
    body: buf,
    ...(opts.location ? { location: opts.location } : {}),
    etag: `"${createHash('sha1').update(buf).digest('base64url').slice(0, 22)}"`,
    gzip:
      buf.byteLength >= 1024 && /^(text\/|application\/(json|xml|rss|atom))/.test(opts.contentType)
        ? gzipSync(buf, { level: 6 })
        : null,
    expiresAt: opts.expiresAt,
  };
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

export const createResponseCache = (maxBytes: number): ResponseCache => {
  const entries = new Map<string, CachedResponse>();
  let bytes = 0;
  // An entry costs more than its body: a redirect has none, yet 200,000 of them held ~620 bytes each (key, address,
  // ETag, headers, the Map slot). Counted as bodies only, a million spellings of article paths held 523 MB.
  const sizeOf = (key: string, e: CachedResponse) =>
    ENTRY_OVERHEAD_BYTES +
    key.length +
    e.etag.length +
    (e.location?.length ?? 0) +
    e.body.byteLength +
    (e.gzip?.byteLength ?? 0);
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
