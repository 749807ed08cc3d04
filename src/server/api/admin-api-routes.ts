import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaRef } from '../../domain/article.js';
import { keptBy } from '../../domain/content-filter.js';
import { paginationOf, parseContentQuery, pickFields, type ContentQuery } from '../../domain/content-api-query.js';
import { parseRowId } from '../../domain/ids.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import { browseAdminPosts, loadAdminPages, readAdminPost } from '../../services/admin-api-posts.js';
import type { ApiKeyService } from '../../services/api-keys.js';
import { mediaOfBodies } from '../../services/content-api-posts.js';
import { loadContentAuthors, loadContentTags, sortCounted } from '../../services/content-api-taxonomy.js';
import type { Db } from '../../storage/database.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import type { SiteState } from '../site-state.js';
import { invalidQuery, resourceNotFound, sendGhostApiError } from './content-api-errors.js';
import { missingToken, refusedToken, toAdminApiError } from './admin-api-errors.js';
import { ADMIN_API } from './admin-api-alias.js';
import { adminPresenter } from './admin-api-present.js';
import { registerAdminApiWebhooks } from './admin-api-webhook-routes.js';
import { registerAdminApiWrites } from './admin-api-write-routes.js';

/** What the Admin API uses: content, the clock, the site's state, the API keys and the plugins. */
export interface AdminApiRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  apiKeys: Pick<ApiKeyService, 'verifyAdminToken'>;
  /** Their blocks are drawn in `html`; their hooks hear of every change made here. */
  plugins: PluginRegistry;
}

const IdParams = z.object({ id: z.string() });
const SlugParams = z.object({ slug: z.string() });

/** The API key that signed each request, set by the onRequest check: the integration a change is attributed to. */
const signedBy = new WeakMap<FastifyRequest, string>();

/** The key id behind a request that passed the check (every request in the scope has). */
export const integrationOf = (req: FastifyRequest): string => {
  const keyId = signedBy.get(req);
  if (keyId === undefined) throw missingToken();
  return keyId;
};

/** The query read once with the Content API's rules; a refused one is Ghost's ValidationError. */
const queryOf = (resource: 'posts' | 'pages' | 'tags' | 'authors', raw: unknown): ContentQuery => {
  const parsed = parseContentQuery(resource, raw as Record<string, unknown>, 'admin');
  if (!parsed.ok) throw invalidQuery(parsed.refusal.message, parsed.refusal.context);
  return parsed.query;
};

/**
 * Ghost's Admin API at /ghost/api/admin/ (issue 16; docs/architecture/0021-admin-api.md), for `@tryghost/admin-api`
 * and the integrations built on it: posts and pages to read and write, images, tags, authors and the site.
 * Only `Authorization: Ghost {JWT}` signed with an admin key opens it; a newsroom session's cookie does not.
 */
export const registerAdminApiRoutes = (app: FastifyInstance, deps: AdminApiRouteDeps): void => {
  const present = adminPresenter(deps.plugins, () => deps.site.current().context.settings.baseUrl);

  const routes = (scope: FastifyInstance) => {
    const api = typed(scope);
    const opts = { schema: { querystring: IgnoredQuery } };

    api.get('/posts/', opts, async (req) => {
      const query = queryOf('posts', req.query);
      const list = await browseAdminPosts(deps.db, deps.site.current().context, query, deps.clock());
      return {
        posts: list.items.map((i) => present(i, query, list.bodyMedia)),
        meta: { pagination: paginationOf(query, list.total) },
      };
    });
    const readPost = async (req: FastifyRequest, ref: { id: number } | { slug: string }) => {
      const query = queryOf('posts', req.query);
      const list = await readAdminPost(deps.db, deps.site.current().context, ref, deps.clock());
      const found = list.items[0];
      if (!found) throw resourceNotFound('Post');
      return { posts: [present(found, query, list.bodyMedia)] };
    };
    api.get('/posts/slug/:slug/', { schema: { ...opts.schema, params: SlugParams } }, async (req) =>
      readPost(req, { slug: req.params.slug }),
    );
    api.get('/posts/:id/', { schema: { ...opts.schema, params: IdParams } }, async (req) => {
      const id = parseRowId(req.params.id);
      if (id === null) throw resourceNotFound('Post');
      return readPost(req, { id });
    });

    api.get('/pages/', opts, async (req) => {
      const query = queryOf('pages', req.query);
      const all = keptBy(query, await loadAdminPages(deps.db, deps.site.current().context), (i) => i.fields);
      const items = all.slice((query.page - 1) * query.limit, query.page * query.limit);
      const media = await mediaOfBodies(deps.db, items);
      return {
        pages: items.map((i) => present(i, query, media)),
        meta: { pagination: paginationOf(query, all.length) },
      };
    });
    const readPage = async (req: FastifyRequest, field: 'id' | 'slug', value: string) => {
      const query = queryOf('pages', req.query);
      const found = (await loadAdminPages(deps.db, deps.site.current().context)).find((i) => i.fields[field] === value);
      if (!found) throw resourceNotFound('Page');
      const media: Map<number, MediaRef> = await mediaOfBodies(deps.db, [found]);
      return { pages: [present(found, query, media)] };
    };
    api.get('/pages/slug/:slug/', { schema: { ...opts.schema, params: SlugParams } }, async (req) =>
      readPage(req, 'slug', req.params.slug),
    );
    api.get('/pages/:id/', { schema: { ...opts.schema, params: IdParams } }, async (req) =>
      readPage(req, 'id', req.params.id),
    );

    // Tags and authors, read only: the Content API's lists, with post counts when asked.
    for (const resource of ['tags', 'authors'] as const) {
      const load = resource === 'tags' ? loadContentTags : loadContentAuthors;
      const listed = async (query: ContentQuery) =>
        sortCounted(await load(deps.db, deps.site.current().context, deps.clock()), query.order).map((c) => ({
          ...pickFields(c.object, query.fields),
          ...(query.include.includes('count.posts') ? { count: { posts: c.posts } } : {}),
          _match: c.object,
        }));
      const bare = ({ _match, ...shown }: { _match: unknown } & Record<string, unknown>) => shown;
      api.get(`/${resource}/`, opts, async (req) => {
        const query = queryOf(resource, req.query);
        const all = keptBy(query, await listed(query), (c) => c._match);
        return {
          [resource]: all.slice((query.page - 1) * query.limit, query.page * query.limit).map(bare),
          meta: { pagination: paginationOf(query, all.length) },
        };
      });
      const readOne = async (req: FastifyRequest, field: 'id' | 'slug', value: string) => {
        const found = (await listed(queryOf(resource, req.query))).find((c) => c._match[field] === value);
        if (!found) throw resourceNotFound(resource === 'tags' ? 'Tag' : 'Author');
        return { [resource]: [bare(found)] };
      };
      api.get(`/${resource}/slug/:slug/`, { schema: { ...opts.schema, params: SlugParams } }, async (req) =>
        readOne(req, 'slug', req.params.slug),
      );
      api.get(`/${resource}/:id/`, { schema: { ...opts.schema, params: IdParams } }, async (req) =>
        readOne(req, 'id', req.params.id),
      );
    }

    api.get('/site/', opts, async () => {
      const s = deps.site.current().context.settings;
      return {
        site: {
          title: s.publicationName,
          description: s.tagline,
          logo: null,
          icon: `${s.baseUrl}/icon-512.png`,
          accent_color: null,
          locale: s.language,
          url: `${s.baseUrl}/`,
          version: '5.0',
        },
      };
    });

    registerAdminApiWrites(scope, { ...deps, present, integrationOf });
    registerAdminApiWebhooks(scope, { ...deps, integrationOf });

    // An address the Admin API does not have is its 404, never the reader's HTML page.
    scope.all('/*', async () => {
      throw resourceNotFound('Resource');
    });
  };

  void app.register(
    async (scope) => {
      scope.setErrorHandler((error, _req, reply) => sendGhostApiError(reply, toAdminApiError(error)));
      scope.setNotFoundHandler((_req, reply) => sendGhostApiError(reply, resourceNotFound('Resource')));
      // Before any body is read: only a request signed with a live admin key gets further (but to /site/). Cookies are not read.
      scope.addHook('onRequest', async (req) => {
        // Ghost answers the site's name and address to anyone: tools read it to check an address before a key.
        if ((req.method === 'GET' || req.method === 'HEAD') && req.routeOptions.url === `${ADMIN_API}/site/`) return;
        const header = req.headers.authorization;
        const token = typeof header === 'string' ? /^Ghost\s+(\S+)$/.exec(header)?.[1] : undefined;
        if (token === undefined) throw missingToken();
        const checked = await deps.apiKeys.verifyAdminToken(token);
        if (!checked.ok) throw refusedToken(checked.reason);
        signedBy.set(req, checked.keyId);
      });
      routes(scope);
    },
    { prefix: ADMIN_API },
  );
};
