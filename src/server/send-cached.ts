import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from './page-cache.js';

const acceptsGzip = (req: FastifyRequest): boolean => {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/.test(ae);
};

/** Whether the answer came from memory or was made for this request; operators and CDNs read it as X-Cache. */
export type CacheOutcome = 'HIT' | 'MISS';

/** The X-Cache of each response sent here, for the request log: it never passes through Fastify's header map. */
const outcomes = new WeakMap<object, CacheOutcome>();
export const cacheOutcomeOf = (reply: FastifyReply): CacheOutcome | undefined => outcomes.get(reply.raw);

/**
 * Sends a prepared response: conditional requests get 304, gzip when the client takes it. Its headers were
 * listed when the entry was made (security headers included), so a hit is a map lookup and one write straight
 * to node:http, past Fastify's per-reply header handling. Response hooks still run: they listen for the
 * response's end, which this write reaches like any other.
 */
export const sendCached = (
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CachedResponse,
  outcome: CacheOutcome,
): FastifyReply => {
  reply.hijack();
  const res = reply.raw;
  outcomes.set(res, outcome);
  // The lists say HIT in their first pair; a miss, made for this request, is rare enough to copy one.
  const said = (list: string[]) => (outcome === 'HIT' ? list : ['x-cache', outcome, ...list.slice(2)]);
  // node:http leaves a HEAD answer's body out by itself; other transports (inject) need telling.
  const head = req.method === 'HEAD';
  if (entry.status === 200 && req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, said(entry.wire.notModified));
    res.end();
  } else if (entry.gzip && entry.wire.gzip && acceptsGzip(req)) {
    res.writeHead(entry.status, said(entry.wire.gzip));
    res.end(head ? undefined : entry.gzip);
  } else {
    res.writeHead(entry.status, said(entry.wire.identity));
    res.end(head ? undefined : entry.body);
  }
  return reply;
};
