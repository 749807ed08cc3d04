import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { preferredEncoding } from '../domain/accept-encoding.js';
import { codedBody, type CachedResponse } from './page-cache.js';

/**
 * Whether a client's copy is still good (RFC 9110 §13.2.2): If-None-Match decides when it is sent (any of its tags,
 * or `*`); otherwise If-Modified-Since, when the entry knows its date and the client's is a valid date no earlier.
 * Only successful answers are conditional; a redirect or an error is always sent in full.
 */
export const isNotModified = (
  entry: Pick<CachedResponse, 'status' | 'etag' | 'lastModified'>,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean => {
  if (entry.status !== 200) return false;
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch === entry.etag) return true;
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t === entry.etag || t === `W/${entry.etag}`;
    });
  }
  if (ifModifiedSince === undefined || entry.lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && entry.lastModified <= since;
};

/** Whether the answer came from memory or was made for this request; operators and CDNs read it as X-Cache. */
export type CacheOutcome = 'HIT' | 'MISS';

/** The X-Cache of each response sent here, for the request log: it never passes through Fastify's header map. */
const outcomes = new WeakMap<object, CacheOutcome>();
export const cacheOutcomeOf = (reply: FastifyReply): CacheOutcome | undefined => outcomes.get(reply.raw);

/** The request headers an answer from memory depends on. */
export interface CachedRequest {
  method?: string | undefined;
  headers: {
    'accept-encoding'?: string | undefined;
    'if-none-match'?: string | undefined;
    'if-modified-since'?: string | undefined;
  };
}

/**
 * Writes a prepared response straight to node:http: conditional requests get 304, Brotli or gzip as the client's
 * Accept-Encoding prefers (domain/accept-encoding.ts).
 * Its headers were listed when the entry was made (security headers included), so this is one writeHead and one
 * end. Returns the status sent. Used by Fastify's routes (sendCached) and by the fast path in front of Fastify
 * (fast-pages.ts), so both answer alike.
 */
export const writeCached = (
  req: CachedRequest,
  res: ServerResponse,
  entry: CachedResponse,
  outcome: CacheOutcome,
): number => {
  // The lists say HIT in their first pair; a miss, made for this request, is rare enough to copy one.
  const said = (list: string[]) => (outcome === 'HIT' ? list : ['x-cache', outcome, ...list.slice(2)]);
  // node:http leaves a HEAD answer's body out by itself; other transports (inject) need telling.
  const head = req.method === 'HEAD';
  const { 'if-none-match': ifNoneMatch, 'if-modified-since': ifModifiedSince } = req.headers;
  // Most requests carry neither header: they skip the comparison altogether.
  if (
    (ifNoneMatch !== undefined || ifModifiedSince !== undefined) &&
    isNotModified(entry, ifNoneMatch, ifModifiedSince)
  ) {
    res.writeHead(304, said(entry.wire.notModified));
    res.end();
    return 304;
  }
  // A compressible entry is sent in the coding the client prefers, made on the first request for it (codedBody).
  const coding = entry.compressible ? preferredEncoding(req.headers['accept-encoding']) : 'identity';
  const coded = coding === 'identity' ? null : codedBody(entry, coding);
  if (coded) {
    res.writeHead(entry.status, said(coded.wire));
    res.end(head ? undefined : coded.body);
  } else {
    res.writeHead(entry.status, said(entry.wire.identity));
    res.end(head ? undefined : entry.body);
  }
  return entry.status;
};

/**
 * Sends a prepared response from a Fastify route, past Fastify's per-reply header handling (writeCached).
 * Response hooks still run: they listen for the response's end, which this write reaches like any other.
 */
export const sendCached = (
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CachedResponse,
  outcome: CacheOutcome,
): FastifyReply => {
  reply.hijack();
  outcomes.set(reply.raw, outcome);
  writeCached(req, reply.raw, entry, outcome);
  return reply;
};
