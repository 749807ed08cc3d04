import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from './page-cache.js';

const acceptsGzip = (req: FastifyRequest): boolean => {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/.test(ae);
};

/** Whether the answer came from memory or was made for this request; operators and CDNs read it as X-Cache. */
export type CacheOutcome = 'HIT' | 'MISS';

/**
 * A hit is a map lookup and one write: its headers were listed when the entry was made (security headers
 * included), so it goes straight to node:http, past Fastify's per-reply header handling. Response hooks still
 * run: they listen for the response's end, which this write reaches like any other.
 */
/** Responses sent by sendHit, for the request log: their X-Cache never passes through Fastify's header map. */
const hits = new WeakSet<object>();
export const wasSentFromMemory = (reply: FastifyReply): boolean => hits.has(reply.raw);

const sendHit = (req: FastifyRequest, reply: FastifyReply, entry: CachedResponse): FastifyReply => {
  reply.hijack();
  hits.add(reply.raw);
  const res = reply.raw;
  // node:http leaves a HEAD answer's body out by itself; other transports (inject) need telling.
  const head = req.method === 'HEAD';
  if (entry.status === 200 && req.headers['if-none-match'] === entry.etag) {
    res.writeHead(304, entry.wire.notModified);
    res.end();
  } else if (entry.gzip && entry.wire.gzip && acceptsGzip(req)) {
    res.writeHead(entry.status, entry.wire.gzip);
    res.end(head ? undefined : entry.gzip);
  } else {
    res.writeHead(entry.status, entry.wire.identity);
    res.end(head ? undefined : entry.body);
  }
  return reply;
};

/** Sends a prepared response: conditional requests get 304, gzip when the client takes it. */
export const sendCached = (
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CachedResponse,
  outcome: CacheOutcome,
): FastifyReply => {
  if (outcome === 'HIT') return sendHit(req, reply, entry);
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
