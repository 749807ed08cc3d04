import type { FastifyInstance } from 'fastify';
import { parseViewBeacon } from '../../ranking/view-request.js';
import type { ViewIntake } from '../../ranking/view-intake.js';
import { z } from 'zod';
import { clientAddressOf } from '../client-address.js';
import { HttpError } from '../errors.js';
import { IgnoredQuery, typed } from '../route-schemas.js';

export interface ViewsRouteDeps {
  intake: ViewIntake;
  /** Proxies in front whose X-Forwarded-For is trusted (app.ts), for the reader's address. */
  trustProxyHops: number;
}

/** The largest beacon body accepted; view-beacon.js sends about 50 bytes. */
export const VIEW_BEACON_BODY_LIMIT = 1024;

export const invalidBeacon = () =>
  new HttpError(400, 'invalid_view_beacon', 'Bad view beacon', 'Send {"a": <article id>, "t": "<token>"} as JSON.');

/**
 * POST /api/views, the beacon of view-beacon.js. Answers 204 at once whether or not the view counts, so
 * clients learn nothing and wait for nothing; only a body that is not a beacon at all gets a 400.
 *
 * What sendBeacon sends (text/plain;charset=UTF-8 with a Content-Length) is answered before it reaches Fastify,
 * by fast-beacons.ts, with the same answers; this route takes every other beacon (application/json, chunked
 * bodies, a query string, and every request that arrives through inject()).
 */
export const registerViewsRoute = (app: FastifyInstance, deps: ViewsRouteDeps): void => {
  const { intake } = deps;
  typed(app).post(
    '/api/views',
    {
      bodyLimit: VIEW_BEACON_BODY_LIMIT,
      // Bots, prefetches and other sites are answered before their body is read.
      onRequest: async (req, reply) => {
        if (intake.screen(req.headers) !== null) return reply.code(204).header('cache-control', 'no-store').send();
        return undefined;
      },
      // The beacon parser is the body's schema: the handler gets a beacon, or null for anything else.
      schema: { querystring: IgnoredQuery, body: z.unknown().transform(parseViewBeacon) },
    },
    async (req, reply) => {
      reply.code(204).header('cache-control', 'no-store');
      const beacon = req.body;
      if (!beacon) throw invalidBeacon();
      await intake.take(beacon, clientAddressOf(req.raw, deps.trustProxyHops), req.headers['user-agent'] ?? '');
      return reply.send();
    },
  );
};
