import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import { createTurnBudget } from './turn-budget.js';

/**
 * A request answered on node:http before Fastify sees it: returns true when it took (and answers) the request,
 * false, leaving it untouched, when Fastify's handler is to have it. Kept to the few requests a newspaper gets by
 * the hundred thousand, all alike: view beacons (fast-beacons.ts) and pages from memory (fast-pages.ts).
 * docs/architecture/0009 says why.
 */
export type FastPath = (
  req: IncomingMessage,
  res: ServerResponse,
  /**
   * Hands a request it took to Fastify after all (an answer it found it could not give after waiting for it);
   * absent where there is no Fastify behind (a path tried on its own).
   */
  next?: () => void,
) => boolean;

/**
 * Fastify's serverFactory: the node:http server Fastify would create (its timeouts included), with the fast
 * paths tried in order in front of Fastify's request handler, each request admitted within the turn budget
 * (turn-budget.ts; 0: none).
 */
export const serverWithFastPaths =
  (paths: FastPath[], turnBudgetMs: number): FastifyServerFactory =>
  (handler, options): Server => {
    const answer = (req: IncomingMessage, res: ServerResponse) => {
      const toFastify = () => handler(req, res);
      for (const take of paths) if (take(req, res, toFastify)) return;
      handler(req, res);
    };
    const admit = turnBudgetMs > 0 ? createTurnBudget(turnBudgetMs) : null;
    const listener = admit ? (req: IncomingMessage, res: ServerResponse) => admit(() => answer(req, res)) : answer;
    const server = createServer((options.http ?? {}) as object, listener);
    server.keepAliveTimeout = options.keepAliveTimeout as number;
    server.requestTimeout = options.requestTimeout as number;
    server.setTimeout(options.connectionTimeout as number);
    const perSocket = options.maxRequestsPerSocket as number | null;
    if (perSocket) server.maxRequestsPerSocket = perSocket;
    return server;
  };
