import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaRef } from '../../domain/article.js';
import {
  paginationOf,
  parseContentQuery,
  pickFields,
  type ContentQuery,
  type ContentResource,
} from '../../domain/content-api-query.js';
import { keptBy } from '../../domain/content-filter.js';
import { parseRowId } from '../../domain/ids.js';
import type { PluginRegistry } from '../../plugins/registry.js';
import type { ApiKeyService } from '../../services/api-keys.js';
import { mediaOfBodies } from '../../services/content-api-posts.js';
import { contentSettings, loadContentPages } from '../../services/content-api-site.js';
import {
  loadContentAuthors,
  loadContentTags,
  sortCounted,
  type CountedObject,
} from '../../services/content-api-taxonomy.js';
import type { SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import { makeEntry, type CachedResponse, type ResponseCache } from '../page-cache.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { sendCached } from '../send-cached.js';
import type { SiteSnapshot, SiteState } from '../site-state.js';
import {
  CONTENT_CACHE_CONTROL,
  CONTENT_JSON_TYPE,
  createContentApiAnswers,
  type ContentApiAnswers,
} from './content-api-answers.js';
import { createContentApiKept, type ContentApiKept } from './content-api-kept.js';
import type { PostAnswer } from './content-api-post-answers.js';
import {
  invalidQuery,
  missingKey,
  resourceNotFound,
  sendGhostApiError,
  toGhostApiError,
  unknownKey,
} from './content-api-errors.js';

/** What the Content API uses: content, the clock, the reader pages' cache and the API keys. */
export interface ContentApiRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  apiKeys: Pick<ApiKeyService, 'findContentKey'>;
  /** The loaded plugins: their blocks are drawn in `html`, as in full-text feeds. */
  plugins?: PluginRegistry;
  /** Posts and addresses kept between answers, shared with the answers before Fastify (fast-content-api.ts). */
  kept?: ContentApiKept;
  /** How answers are made and kept, shared with the answers before Fastify; made here from the rest when absent. */
  answers?: ContentApiAnswers;
}

/** The headers a preflight asks for, when they read as a list of header names; Ghost's client's otherwise. */
const allowedHeaders = (asked: string | undefined): string =>
  asked !== undefined && /^[A-Za-z0-9-]+(?:\s*,\s*[A-Za-z0-9-]+){0,19}$/.test(asked) ? asked : 'Accept-Version';

const IdParams = z.object({ id: z.string() });
const SlugParams = z.object({ slug: z.string() });

const NAMES: Record<ContentResource, string> = { posts: 'Post', pages: 'Page', tags: 'Tag', authors: 'Author' };

/** The query read once; a refused one is Ghost's ValidationError. */
const queryOf = (resource: ContentResource, raw: unknown): ContentQuery => {
  const parsed = parseContentQuery(resource, raw as Record<string, unknown>);
  if (!parsed.ok) throw invalidQuery(parsed.refusal.message, parsed.refusal.context);
  return parsed.query;
};

/**
 * Ghost's Content API at /ghost/api/content/ (issue 16; docs/architecture/0019-content-api.md): posts (live
 * articles), pages, tags (sections and tags), authors and settings, for Ghost's own client and the tools built on it.
 */
export const registerContentApiRoutes = (app: FastifyInstance, deps: ContentApiRouteDeps): void => {
  const answers = deps.answers ?? createContentApiAnswers({ ...deps, kept: deps.kept ?? createContentApiKept() });
  const { posts, expiry } = answers;
  const present = posts.present;

  const presentCounted = (c: CountedObject, query: ContentQuery) => ({
    ...pickFields(c.object, query.fields),
    ...(query.include.includes('count.posts') ? { count: { posts: c.posts } } : {}),
  });

  /** The answer kept under `key`, or made, kept and remembered by its address (content-api-answers.ts `made`). */
  const serveEntry = async (
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    make: (snap: SiteSnapshot, now: Date) => Promise<CachedResponse>,
  ) => {
    const now = deps.clock();
    const apiKey = String((req.query as Record<string, unknown>).key);
    const hit = deps.pageCache.get(key, now.getTime());
    if (hit) {
      answers.kept.rememberAddress(req.url, { cacheKey: key, apiKey });
      return sendCached(req, reply, hit, 'HIT');
    }
    return sendCached(req, reply, await answers.made(req.url, key, apiKey, now, make), 'MISS');
  };

  /** An answer made as JSON here (pages, tags, authors, settings). */
  const serve = (
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    answer: (ctx: SiteContext, now: Date) => Promise<unknown>,
  ) =>
    serveEntry(req, reply, key, async (snap, now) =>
      makeEntry(JSON.stringify(await answer(snap.context, now)), {
        contentType: CONTENT_JSON_TYPE,
        cacheControl: CONTENT_CACHE_CONTROL,
        expiresAt: expiry(now),
      }),
    );

  /** An answer of posts, stitched from kept posts (content-api-answers.ts `postsEntry`). */
  const servePosts = (
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    answer: (snap: SiteSnapshot, now: Date, current: () => number) => Promise<PostAnswer | null>,
  ) => serveEntry(req, reply, key, answers.postsEntry(answer));

  /** One object read by id or slug, as a one-element list without `meta`; none is Ghost's NotFoundError. */
  const readOne = <T>(resource: ContentResource, found: T | undefined, shown: (t: T) => unknown) => {
    if (found === undefined) throw resourceNotFound(NAMES[resource]);
    return { [resource]: [shown(found)] };
  };

  const routes = (scope: FastifyInstance) => {
    const api = typed(scope);
    const opts = { schema: { querystring: IgnoredQuery } };

    // Posts: live articles only.
    api.get('/posts/', opts, async (req, reply) => {
      const query = queryOf('posts', req.query);
      return servePosts(req, reply, answers.browseKey(query), (snap, now, current) =>
        posts.browse(snap, query, now, current),
      );
    });
    const readPost = (req: FastifyRequest, reply: FastifyReply, ref: { id: number } | { slug: string }) => {
      const query = queryOf('posts', req.query);
      return servePosts(req, reply, `content-api:post:${JSON.stringify([ref, query])}`, (snap, now, current) =>
        posts.read(snap, ref, query, now, current),
      );
    };
    api.get('/posts/slug/:slug/', { schema: { ...opts.schema, params: SlugParams } }, async (req, reply) =>
      readPost(req, reply, { slug: req.params.slug }),
    );
    api.get('/posts/:id/', { schema: { ...opts.schema, params: IdParams } }, async (req, reply) => {
      const id = parseRowId(req.params.id);
      if (id === null) throw resourceNotFound(NAMES.posts);
      return readPost(req, reply, { id });
    });

    // Pages: the publication's published pages, few enough to read whole.
    api.get('/pages/', opts, async (req, reply) => {
      const query = queryOf('pages', req.query);
      return serve(req, reply, `content-api:pages:${JSON.stringify(query)}`, async (ctx) => {
        const all = keptBy(query, await loadContentPages(deps.db, ctx, query.order), (i) => i.fields);
        const items = all.slice((query.page - 1) * query.limit, query.page * query.limit);
        const media = await mediaOfBodies(deps.db, items);
        return {
          pages: items.map((i) => present(i, query, media, ctx)),
          meta: { pagination: paginationOf(query, all.length) },
        };
      });
    });
    const readPage = (req: FastifyRequest, reply: FastifyReply, field: 'id' | 'slug', value: string) => {
      const query = queryOf('pages', req.query);
      return serve(req, reply, `content-api:page:${JSON.stringify([field, value, query])}`, async (ctx) => {
        const found = (await loadContentPages(deps.db, ctx, query.order)).find((i) => i.fields[field] === value);
        const media = found ? await mediaOfBodies(deps.db, [found]) : new Map<number, MediaRef>();
        return readOne('pages', found, (i) => present(i, query, media, ctx));
      });
    };
    api.get('/pages/slug/:slug/', { schema: { ...opts.schema, params: SlugParams } }, async (req, reply) =>
      readPage(req, reply, 'slug', req.params.slug),
    );
    api.get('/pages/:id/', { schema: { ...opts.schema, params: IdParams } }, async (req, reply) =>
      readPage(req, reply, 'id', req.params.id),
    );

    // Tags and authors: lists read whole, sorted and paged here.
    for (const resource of ['tags', 'authors'] as const) {
      const load = resource === 'tags' ? loadContentTags : loadContentAuthors;
      api.get(`/${resource}/`, opts, async (req, reply) => {
        const query = queryOf(resource, req.query);
        return serve(req, reply, `content-api:${resource}:${JSON.stringify(query)}`, async (ctx, now) => {
          const all = keptBy(query, sortCounted(await load(deps.db, ctx, now), query.order), (c) => c.object);
          return {
            [resource]: all
              .slice((query.page - 1) * query.limit, query.page * query.limit)
              .map((c) => presentCounted(c, query)),
            meta: { pagination: paginationOf(query, all.length) },
          };
        });
      });
      const readCounted = (req: FastifyRequest, reply: FastifyReply, field: 'id' | 'slug', value: string) => {
        const query = queryOf(resource, req.query);
        return serve(
          req,
          reply,
          `content-api:${resource}:${field}:${JSON.stringify([value, query])}`,
          async (ctx, now) => {
            const found = (await load(deps.db, ctx, now)).find((c) => c.object[field] === value);
            return readOne(resource, found, (c) => presentCounted(c, query));
          },
        );
      };
      api.get(`/${resource}/slug/:slug/`, { schema: { ...opts.schema, params: SlugParams } }, async (req, reply) =>
        readCounted(req, reply, 'slug', req.params.slug),
      );
      api.get(`/${resource}/:id/`, { schema: { ...opts.schema, params: IdParams } }, async (req, reply) =>
        readCounted(req, reply, 'id', req.params.id),
      );
    }

    api.get('/settings/', opts, async (req, reply) =>
      serve(req, reply, 'content-api:settings', async (ctx) => ({ settings: contentSettings(ctx), meta: {} })),
    );

    // Before the reader routes' `/*`, which would answer an unknown address here with an HTML page.
    api.get('/*', opts, async () => {
      throw resourceNotFound('Resource');
    });
  };

  void app.register(
    async (scope) => {
      scope.setErrorHandler((error, _req, reply) => sendGhostApiError(reply, toGhostApiError(error)));
      // Browsers ask before sending Ghost's client's Accept-Version header from another site.
      scope.options('/*', async (req, reply) =>
        reply
          .code(204)
          .header('access-control-allow-origin', '*')
          .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
          .header('access-control-allow-headers', allowedHeaders(req.headers['access-control-request-headers']))
          .header('access-control-max-age', '86400')
          .send(),
      );
      // The key is checked before anything is read; a preflight carries none to check.
      scope.addHook('onRequest', async (req) => {
        if (req.method === 'OPTIONS') return;
        const key = (req.query as Record<string, unknown>).key;
        if (key === undefined || key === '') throw missingKey();
        if (typeof key !== 'string' || (await deps.apiKeys.findContentKey(key)) === null) throw unknownKey();
      });
      routes(scope);
    },
    { prefix: '/ghost/api/content' },
  );
};
