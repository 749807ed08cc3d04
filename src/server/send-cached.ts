import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from './page-cache.js';

const acceptsGzip = (req: FastifyRequest): boolean => {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /\bgzip\b/.test(ae);
};

/** Sends a prepared response: conditional requests get 304, gzip when the client takes it. */
export const sendCached = (req: FastifyRequest, reply: FastifyReply, entry: CachedResponse): FastifyReply => {
  reply.code(entry.status).header('cache-control', entry.cacheControl).header('etag', entry.etag);
  if (entry.location) reply.header('location', entry.location);
  if (entry.gzip) reply.header('vary', 'Accept-Encoding');
  if (req.headers['if-none-match'] === entry.etag && entry.status === 200) return reply.code(304).send();
  reply.header('content-type', entry.contentType);
  if (entry.gzip && acceptsGzip(req)) return reply.header('content-encoding', 'gzip').send(entry.gzip);
  return reply.send(entry.body);
};
