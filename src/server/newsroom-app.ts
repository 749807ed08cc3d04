import Fastify, { type FastifyInstance } from 'fastify';
import { registerAdminApiRoutes, type AdminApiRouteDeps } from './api/admin-api-routes.js';
import type { AppRoot } from './app-root.js';
import { registerNewsroom } from './newsroom/newsroom-plugin.js';
import type { NewsroomDeps } from './newsroom/newsroom-deps.js';

/**
 * The writing side of a process in an app of its own: the newsroom at /newsroom and Ghost's Admin API (issue 16),
 * the two ways content comes in. app.ts builds it at the first request to one of their addresses (hand-over.ts), so a
 * process that only serves readers neither evaluates these modules nor registers their routes: some 110 of the
 * process's routes with their HEAD twins, and the form and upload parsers.
 */
export const buildNewsroomApp = (root: AppRoot, deps: NewsroomDeps & AdminApiRouteDeps): FastifyInstance => {
  const app = Fastify(root.options);
  root.setUp(app);
  // Ghost's Admin API (issue 16): signed tokens only, never a session.
  registerAdminApiRoutes(app, deps);
  registerNewsroom(app, deps);
  return app;
};
