import type { CachedResponse } from './page-cache.js';
import { SECURITY_HEADERS } from './security-headers.js';

/**
 * The header lists of a cached response (page-cache.ts), made once when it is cached and sent as they are, and the
 * surrogate headers a cache in front files it under (issue 18).
 */

export interface Surrogate {
  keys: readonly string[];
  /** Seconds. */
  maxAge: number;
}

/**
 * The headers each cache in front reads: Surrogate-Key (Fastly), xkey (Varnish's vmod_xkey), Cache-Tag (Cloudflare),
 * and the proxy's keeping time as Surrogate-Control (Fastly, the VCL in docs/deploy) and CDN-Cache-Control (RFC 9213:
 * Cloudflare and others).
 */
const surrogateWire = (s: Surrogate): string[] => {
  const keys = s.keys.join(' ');
  const ttl = `max-age=${s.maxAge}`;
  return [
    'surrogate-key',
    keys,
    'xkey',
    keys,
    'cache-tag',
    s.keys.join(','),
    'surrogate-control',
    ttl,
    'cdn-cache-control',
    ttl,
  ];
};

/** Flat [name, value, …] header lists, as node:http's writeHead takes them, one per way the entry is sent. */
export interface WireHeaders {
  identity: string[];
  gzip: string[] | null;
  br: string[] | null;
  notModified: string[];
}

const SECURITY_WIRE = Object.entries(SECURITY_HEADERS).flat();

/** The header lists of an entry (stitched-entry.ts makes entries of its own with them). */
export const wireHeaders = (
  e: Pick<
    CachedResponse,
    | 'contentType'
    | 'cacheControl'
    | 'etag'
    | 'lastModified'
    | 'location'
    | 'bodyLength'
    | 'compressible'
    | 'gzip'
    | 'br'
    | 'surrogate'
  >,
  security: readonly string[] = SECURITY_WIRE,
): WireHeaders => {
  // X-Cache first: a miss sends the same list with its value changed (send-cached.ts).
  const common = [
    'x-cache',
    'HIT',
    ...security,
    'cache-control',
    e.cacheControl,
    'etag',
    e.etag,
    ...(e.lastModified === undefined ? [] : ['last-modified', new Date(e.lastModified).toUTCString()]),
    ...(e.location ? ['location', e.location] : []),
    ...(e.compressible ? ['vary', 'Accept-Encoding'] : []),
    ...(e.surrogate ? surrogateWire(e.surrogate) : []),
  ];
  const full = [...common, 'content-type', e.contentType];
  return {
    identity: [...full, 'content-length', String(e.bodyLength)],
    gzip: e.gzip ? codedWire(full, 'gzip', e.gzip) : null,
    br: e.br ? codedWire(full, 'br', e.br) : null,
    notModified: common,
  };
};

export const codedWire = (full: readonly string[], coding: 'gzip' | 'br', bytes: Buffer): string[] => [
  ...full,
  'content-encoding',
  coding,
  'content-length',
  String(bytes.byteLength),
];
