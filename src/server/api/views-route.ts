import type { FastifyInstance } from 'fastify';
import { checkViewToken } from '../../domain/view-token.js';
import type { ArticleDirectory } from '../../ranking/article-directory.js';
import { parseViewBeacon, screenViewRequest } from '../../ranking/view-request.js';
import type { ViewTracker } from '../../ranking/view-tracker.js';
import { dayOf, viewKeysOf } from '../../ranking/visitor-key.js';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { IgnoredQuery, typed } from '../route-schemas.js';

export interface ViewsRouteDeps {
  tracker: ViewTracker;
  directory: ArticleDirectory;
  tokenKey: Buffer;
  clock: () => Date;
}

const invalidBeacon = () =>
  new HttpError(400, 'invalid_view_beacon', 'Bad view beacon', 'Send {"a": <article id>, "t": "<token>"} as JSON.');

/**
 * POST /api/views, the beacon of view-beacon.js. Answers 204 at once whether or not the view counts, so
 * clients learn nothing and wait for nothing; only a body that is not a beacon at all gets a 400.
 */
export const registerViewsRoute = (app: FastifyInstance, deps: ViewsRouteDeps): void => {
  typed(app).post(
    '/api/views',
    {
      bodyLimit: 1024,
      // Bots, prefetches and other sites are answered before their body is read.
      onRequest: async (req, reply) => {
        if (screenViewRequest(req.headers) !== null) return reply.code(204).header('cache-control', 'no-store').send();
        return undefined;
      },
      // The beacon parser is the body's schema: the handler gets a beacon, or null for anything else.
      schema: { querystring: IgnoredQuery, body: z.unknown().transform(parseViewBeacon) },
    },
    async (req, reply) => {
      reply.code(204).header('cache-control', 'no-store');
      const beacon = req.body;
      if (!beacon) throw invalidBeacon();
      const nowMs = deps.clock().getTime();
      if (checkViewToken(deps.tokenKey, beacon.a, beacon.t, nowMs) !== 'valid') return reply.send();
      if (!(await deps.directory.lookup(beacon.a, nowMs))) return reply.send();
      const second = Math.floor(nowMs / 1000);
      const salt = await deps.tracker.saltFor(dayOf(second));
      const keys = viewKeysOf(salt, req.ip, req.headers['user-agent'] ?? '', beacon.a);
      deps.tracker.record({ articleId: beacon.a, second, ...keys });
      return reply.send();
    },
  );
};
