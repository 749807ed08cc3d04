import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from './page-cache.js';

const acceptsGzip = (req: FastifyRequest): boolean => {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/.test(ae);
};

/** Whether the answer came from memory or was made for this request; operators and CDNs read it as X-Cache. */
export type CacheOutcome = 'HIT' | 'MISS';

/** Sends a prepared response: conditional requests get 304, gzip when the client takes it. */
export const sendCached = (
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CachedResponse,
  outcome: CacheOutcome,
): FastifyReply => {
  reply
    .code(entry.status)
    .header('cache-control', entry.cacheControl)
    .header('etag', entry.etag)
    .header('x-cache', outcome);
  if (entry.location) reply.header('location', entry.location);
  if (entry.gzip) reply.header('vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === entry.etag && entry.status === 200) return reply.code(304).send();
  reply.header('content-type', entry.contentType);
  if (entry.gzip && acceptsGzip(req)) return reply.header('content-encoding', 'gzip').send(entry.gzip);
  return reply.send(entry.body);
};
