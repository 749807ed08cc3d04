import type { FastifyInstance } from 'fastify';
import { handedOverApps } from '../../src/server/hand-over.js';

/** One route as the app registered it: `/newsroom/articles/:id`, `/*`. */
export interface RouteEntry {
  path: string;
  methods: string[];
}

const LINE = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?) \(([A-Z, ]+)\)$/;
const BRANCH = /^((?:│ {3}| {4})*)(?:├── |└── )(.+)$/;

/**
 * Every route of a ready app, read from Fastify's own route tree (printRoutes), so a route added tomorrow is
 * fuzzed without anyone listing it here. Each tree line is a path piece below its parent, four characters of
 * indent per level; a piece without methods is only a shared prefix.
 */
export const listRoutes = (app: FastifyInstance): RouteEntry[] => {
  const text = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const branch = BRANCH.exec(line);
    if (!branch) continue;
    const depth = branch[1]!.length / 4;
    const routed = LINE.exec(line);
    const piece = routed ? routed[2]! : branch[2]!;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + piece;
    stack[depth] = path;
    if (!routed) continue;
    const full = path.startsWith('/') ? path : `/${path}`;
    routes.push({ path: full, methods: routed[3]!.split(',').map((m) => m.trim()) });
  }
  if (routes.length === 0) throw new Error(`no routes read from the app's route tree:\n${text}`);
  return routes;
};

/**
 * Every route that answers in a process: the app's own and those of the apps it hands requests over to (the
 * newsroom's, built here if no request has built it yet). The app's routes under a handed-over address only pass
 * requests on, so the other app's routes stand for them.
 */
export const listAllRoutes = async (app: FastifyInstance): Promise<RouteEntry[]> => {
  const others = await handedOverApps(app);
  const handed = others.flatMap(({ paths }) => paths.map((p) => p.replace(/\/?\*$/, '')));
  const own = listRoutes(app).filter((r) => !handed.some((prefix) => r.path.startsWith(prefix)));
  return [...others.flatMap((other) => listRoutes(other.app)), ...own];
};

/** The names of a route's parameters, in order: `:id`, and `*` for a wildcard. */
export const paramsOf = (path: string): string[] =>
  path.split('/').flatMap((segment) => (segment.startsWith(':') ? [segment.slice(1)] : segment === '*' ? ['*'] : []));

const matcherOf = (path: string): RegExp =>
  new RegExp(
    `^${path
      .split('/')
      .map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}$`,
  );

/**
 * The route a request lands on, as the router would choose it (static pieces before parameters before the
 * wildcard), for counting answers by route; `(no route: METHOD)` when the path exists for other methods only.
 */
export const labelOf = (routes: RouteEntry[], method: string, url: string): string => {
  const path = url.replace(/[?#].*$/, '');
  const ranked = [...routes].sort((a, b) => rank(a.path) - rank(b.path));
  const hit = ranked.find((r) => matcherOf(r.path).test(path));
  if (!hit) return '(none)';
  return hit.methods.includes(method) ? hit.path : `${hit.path} (${method})`;
};

const rank = (path: string): number => (path.includes('*') ? 2 : path.includes(':') ? 1 : 0);
