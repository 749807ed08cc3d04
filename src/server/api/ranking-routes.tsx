import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Section } from '../../domain/article.js';
import { DEFAULT_WINDOW, RANKING_WINDOWS } from '../../domain/ranking-window.js';
import { loadRankingLists } from '../../services/ranking-pages.js';
import { renderDocument } from '../../views/render.js';
import { RankingPage } from '../../views/reader/RankingPage.js';
import type { ViewTracker } from '../../ranking/view-tracker.js';
import type { Db } from '../../storage/database.js';
import type { ResponseCache } from '../page-cache.js';
import { chromeOf, type SiteSnapshot, type SiteState } from '../site-state.js';
import { editionOfRequest, editionPathOf } from '../reader/edition-routing.js';
import { editionNamed, hasEditions, type SiteContext } from '../../services/site-context.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { z } from 'zod';
import { HttpError, sectionNotFound } from '../errors.js';
import { makeEntry } from '../page-cache.js';
import { createPageServer } from '../serve-page.js';

/** What the ranking page and API use. */
export interface RankingRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  views: { tracker: ViewTracker };
}

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 50.';
const RankingQuery = z.object({
  window: z
    .enum(RANKING_WINDOWS, { error: `window must be one of ${RANKING_WINDOWS.join(', ')}.` })
    .default(DEFAULT_WINDOW),
  section: z.string().optional(),
  edition: z.string().optional(),
  limit: z
    .string()
    .regex(/^[1-9]\d?$/, LIMIT_MESSAGE)
    .transform(Number)
    .refine((n) => n <= 50, LIMIT_MESSAGE)
    .default(10),
});
/** A query that does not fit is answered with the ranking's own error code. */
const RANKING_CONFIG = { invalidRequestCode: 'invalid_ranking_query' };

const parseSection = (deps: RankingRouteDeps, raw: unknown, ctx?: SiteContext): Section | null => {
  if (raw === undefined) return null;
  const sections = (ctx ?? deps.site.current().context).sections;
  const section = typeof raw === 'string' ? sections.bySlug.get(raw) : undefined;
  if (!section || section.parentId !== null) throw sectionNotFound();
  return section;
};

/**
 * The edition `/api/ranking?edition=` names, by its language ("ja", any case) or its prefix ("/ja/", "ja", "/" for
 * the first); the first edition when the parameter is absent. Each edition ranks its own articles (issue 13).
 */
const parseEdition = (site: SiteContext, raw: string | undefined): SiteContext => {
  const found = editionNamed(site, raw);
  if (found) return found;
  const known = site.editions.map((e) => `${e.edition.language} (${e.edition.prefix})`).join(', ');
  const message = `edition must be the language or the prefix of an edition: ${known}.`;
  throw new HttpError(400, 'invalid_ranking_query', 'Bad request', message, { edition: message });
};

/** Rankings move every second but readers need them no fresher than this; repeated requests are served from memory. */
const RANKING_TTL_MS = 2_000;

/** The /ranking page (three windows, site-wide or one section) and the same data as JSON at /api/ranking. */
export const registerRankingRoutes = (scope: FastifyInstance, deps: RankingRouteDeps): void => {
  const app = typed(scope);
  const serve = createPageServer(deps);
  /** Rankings move every second: kept briefly, and cacheable by CDNs for half a minute. */
  const cached = (
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    contentType: string,
    render: (snap: SiteSnapshot, now: Date) => Promise<string>,
  ) =>
    serve(req, reply, key, async (snap, now) =>
      makeEntry(await render(snap, now), {
        contentType,
        cacheControl: 'public, max-age=30',
        expiresAt: now.getTime() + RANKING_TTL_MS,
      }),
    );

  // Also /ja/ranking/ and the like (reader/edition-routing.ts): each edition ranks its own articles (issue 13).
  app.get('/ranking', { schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    reply.redirect(editionPathOf(deps.site.current().context, req, '/ranking/'), 301),
  );

  app.get('/ranking/', { config: RANKING_CONFIG, schema: { querystring: RankingQuery } }, async (req, reply) => {
    const edition = editionOfRequest(deps.site.current().context, req);
    const section = parseSection(deps, req.query.section, edition);
    // The first edition's key is what it was; another's names its prefix.
    const scope = edition === edition.editions[0] ? '' : edition.edition.prefix;
    const key = `ranking-page:${scope}${section?.slug ?? ''}`;
    return cached(req, reply, key, 'text/html; charset=utf-8', async (snap, now) => {
      const context = editionOfRequest(snap.context, req);
      const lists = await loadRankingLists(deps.db, context, deps.views.tracker, section?.id ?? null, 10, now);
      return renderDocument(
        <RankingPage
          chrome={chromeOf(snap, context)}
          lists={lists}
          section={section}
          sections={context.sections.top}
        />,
      );
    });
  });

  app.get('/api/ranking', { config: RANKING_CONFIG, schema: { querystring: RankingQuery } }, async (req, reply) => {
    const { window, limit } = req.query;
    const edition = parseEdition(deps.site.current().context, req.query.edition);
    const section = parseSection(deps, req.query.section, edition);
    // The first edition's key is what it was; another's names its prefix.
    const scope = edition === edition.editions[0] ? '' : edition.edition.prefix;
    return cached(
      req,
      reply,
      `ranking-api:${scope}${window}:${section?.slug ?? ''}:${limit}`,
      'application/json; charset=utf-8',
      async (snap, now) => {
        const context = parseEdition(snap.context, req.query.edition);
        const { settings } = context;
        const [list] = await loadRankingLists(deps.db, context, deps.views.tracker, section?.id ?? null, limit, now, [
          window,
        ]);
        return JSON.stringify({
          window,
          // Named only on a site of several editions: a site of one answers as it always did.
          ...(hasEditions(context)
            ? { edition: { language: context.edition.language, prefix: context.edition.prefix } }
            : {}),
          section: section ? { slug: section.slug, name: section.name } : null,
          generatedAt: now.toISOString(),
          articles: list!.entries.map((e) => ({
            rank: e.rank,
            id: e.article.id,
            headline: e.article.headline,
            url: settings.baseUrl + e.article.path,
            path: e.article.path,
            section: e.article.sectionName,
            views: e.views,
            publishedAt: e.article.publishedAt.toISOString(),
          })),
        });
      },
    );
  });
};
