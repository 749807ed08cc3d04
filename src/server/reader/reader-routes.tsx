import type { FastifyInstance } from 'fastify';
import { parsePageNumber, parseReaderPath, pathOfUrl, type ReaderPath } from '../../domain/reader-path.js';
import { pageHref } from '../../domain/listing-path.js';
import { sectionAt, sectionPath } from '../../domain/section.js';
import { nextLocalMidnight } from '../../domain/dateline.js';
import { recentCorrections } from '../../services/corrections.js';
import { editionSummaries, loadHomePage, loadSectionFront } from '../../services/reader-pages.js';
import type { AccessRankingLoader } from '../../services/boxes.js';
import { hasEditions, type SiteContext } from '../../services/site-context.js';
import { summaryRowsByIds } from '../../storage/repositories/article.repository.js';
import { publicationPagePath } from '../../domain/publication-page.js';
import { loadPublishedPage } from '../../services/publication-pages.js';
import { CorrectionsPage } from '../../views/reader/CorrectionsPage.js';
import { PublicationPage } from '../../views/reader/PublicationPage.js';
import { renderDocument } from '../../views/render.js';
import { HomePage } from '../../views/reader/HomePage.js';
import { SectionFront } from '../../views/reader/SectionFront.js';
import type { ViewTracker } from '../../ranking/view-tracker.js';
import type { Db } from '../../storage/database.js';
import type { ResponseCache } from '../page-cache.js';
import { chromeOf, type SiteState } from '../site-state.js';
import { editionOfRequest, editionPathOf } from './edition-routing.js';
import type { StaticAssets } from '../static-assets.js';
import { IgnoredQuery, typed } from '../route-schemas.js';
import { z } from 'zod';
import { invalidPageNumber, pageNotFound, pageOutOfRange, sectionNotFound } from '../errors.js';
import type { CachedResponse } from '../page-cache.js';
import { html, redirect } from './reader-entries.js';
import type { ReaderWork } from './reader-work.js';

/** What the reader pages use. */
export interface ReaderRouteDeps {
  db: Db;
  clock: () => Date;
  site: SiteState;
  pageCache: ResponseCache;
  assets: Pick<StaticAssets, 'href'>;
  /** Rankings for the article page's boxes, and the key that signs its view beacon. */
  views: { tracker: ViewTracker; tokenKey: Buffer };
}

/**
 * Only `page` changes a reader page, and only a paginated one (a section front); other parameters (tracking and
 * the like) are accepted and ignored, so they are served from the bare address's copy.
 */
const ReaderQuery = z.object({ page: z.string().optional() }).catchall(z.unknown());
import { sendCached } from '../send-cached.js';
import { createPageServer } from '../serve-page.js';
import type { SiteSnapshot } from '../site-state.js';

/** A page of the publication at /{slug}/: a draft, or no page, is not found; no slash moves to the slash. */
const renderPublicationPage = async (
  deps: ReaderRouteDeps,
  chrome: SiteSnapshot['chrome'],
  parsed: Extract<ReaderPath, { kind: 'section' }>,
  page: number,
  t: number,
): Promise<CachedResponse> => {
  const data = await loadPublishedPage(deps.db, parsed.slugs[0]!);
  // A page has no numbered pages of its own.
  if (!data || page !== 1) throw pageNotFound();
  const path = publicationPagePath(data.page.slug);
  if (!parsed.trailingSlash) return redirect(path, t);
  return html(renderDocument(<PublicationPage chrome={chrome} {...data} />), t);
};

/**
 * `<link rel="alternate" hreflang>` between editions (issue 13): the same page in every edition that has it, this
 * one included, and x-default, the first edition's. None on a site of one edition, whose pages stay as they were.
 */
const alternatesOf = (
  ctx: SiteContext,
  pathIn: (edition: SiteContext) => string | null,
): { hreflang: string; href: string }[] | undefined => {
  if (!hasEditions(ctx)) return undefined;
  const links = ctx.editions.flatMap((e) => {
    const href = pathIn(e);
    return href === null ? [] : [{ hreflang: e.edition.language, href }];
  });
  const first = pathIn(ctx.editions[0]!);
  return first === null ? links : [...links, { hreflang: 'x-default', href: first }];
};

/** Renders what a reader path asks for, in the edition `ctx`; throws our HttpErrors for what does not exist. */
const renderReaderPath = async (
  deps: ReaderRouteDeps,
  snap: SiteSnapshot,
  ctx: SiteContext,
  path: string,
  parsed: ReaderPath,
  page: number,
  accessRanking: AccessRankingLoader,
  now: Date,
  /** The article page's answer (article-answer.tsx): from its kept pieces, or rendered whole and kept. */
  answerArticle: (id: number) => Promise<CachedResponse>,
): Promise<CachedResponse> => {
  const t = now.getTime();
  const chrome = chromeOf(snap, ctx);
  const first = ctx === ctx.editions[0];
  switch (parsed.kind) {
    case 'none':
      throw pageNotFound();
    case 'home':
      return html(
        renderDocument(
          <HomePage
            chrome={chrome}
            home={await loadHomePage(deps.db, ctx, now, accessRanking)}
            today={now}
            sectionPaths={new Map(ctx.sections.all.map((s) => [s.id, sectionPath(ctx.sections, s)]))}
            alternates={alternatesOf(ctx, (e) => e.edition.prefix)}
          />,
        ),
        t,
        // The page prints today's date: a copy made just before midnight must not show it into the new day.
        nextLocalMidnight(now, ctx.settings.timeZone).getTime(),
      );
    case 'article':
      return answerArticle(parsed.id);
    case 'section': {
      const section = sectionAt(ctx.sections, parsed.slugs);
      // Sections come first: a one-segment address that is none may be a page of the publication (About…), which
      // are the first edition's.
      if (!section && parsed.slugs.length === 1 && first) return renderPublicationPage(deps, chrome, parsed, page, t);
      if (!section) throw sectionNotFound();
      const path = sectionPath(ctx.sections, section);
      if (!parsed.trailingSlash) return redirect(pageHref(path, page), t);
      const front = await loadSectionFront(deps.db, ctx, section, page, now);
      if (!front) {
        const total = (await loadSectionFront(deps.db, ctx, section, 1, now))!.totalPages;
        throw pageOutOfRange(total);
      }
      const subsectionPaths = front.subsections.map((s) => ({ name: s.name, path: sectionPath(ctx.sections, s) }));
      const alternates = alternatesOf(ctx, (e) => {
        const same = e.sections.byId.get(section.id);
        return same ? sectionPath(e.sections, same) : null;
      });
      return html(
        renderDocument(
          <SectionFront
            chrome={chrome}
            front={front}
            path={path}
            subsectionPaths={subsectionPaths}
            alternates={alternates}
          />,
        ),
        t,
      );
    }
  }
};

/**
 * The cache key of a request as it arrives, before Fastify parses its query; null when only the full handler can
 * answer it (an address that is no page, a page number that is not one, or given twice: errors are not kept).
 */
const keyOfRawUrl = (ctx: SiteContext, url: string): string | null => {
  const path = pathOfUrl(url);
  const { rest } = ctx.findEdition(path);
  const parsed = parseReaderPath(rest);
  if (parsed.kind === 'none') return null;
  if (parsed.kind !== 'section' || path.length === url.length) return path;
  const pages = new URLSearchParams(url.slice(path.length + 1)).getAll('page');
  if (pages.length === 0) return path;
  const page = pages.length === 1 ? parsePageNumber(pages[0]) : 'invalid';
  return page === 'invalid' ? null : pageHref(path, page);
};

export const registerReaderRoutes = (scope: FastifyInstance, deps: ReaderRouteDeps, work: ReaderWork): void => {
  const app = typed(scope);
  const cachedOrRendered = createPageServer(deps);
  // Also /ja/corrections/ and the like: editionRewrite (edition-routing.ts) hands them here without their prefix.
  app.get('/corrections', { schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    reply.redirect(editionPathOf(deps.site.current().context, req, '/corrections/'), 301),
  );
  app.get('/corrections/', { schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    cachedOrRendered(
      req,
      reply,
      editionPathOf(deps.site.current().context, req, '/corrections/'),
      async (snap, now) => {
        const ctx = editionOfRequest(snap.context, req);
        const chrome = chromeOf(snap, ctx);
        const rows = await recentCorrections(deps.db, now);
        // Summaries carry each article's canonical path; an article no longer visible, or of another edition, drops out.
        const ids = [...new Set(rows.map((r) => r.articleId))];
        const summaries = editionSummaries(ctx, await summaryRowsByIds(deps.db, ids, now.getTime()));
        const paths = new Map(summaries.map((a) => [a.id, a.path]));
        const corrections = rows.flatMap((c) => {
          const path = paths.get(c.articleId);
          return path ? [{ ...c, path }] : [];
        });
        return html(renderDocument(<CorrectionsPage chrome={chrome} corrections={corrections} />), now.getTime());
      },
    ),
  );

  app.get(
    '/*',
    {
      schema: { querystring: ReaderQuery },
      // A kept page is sent before the query is validated and the handler runs: the hit path is a lookup.
      onRequest: async (req, reply) => {
        const key = keyOfRawUrl(deps.site.current().context, req.url);
        const hit = key === null ? undefined : deps.pageCache.get(key, deps.clock().getTime());
        return hit ? sendCached(req, reply, hit, 'HIT') : undefined;
      },
    },
    async (req, reply) => {
      const path = pathOfUrl(req.url);
      // The edition first, by the longest prefix (issue 13); the rest of the path is read as on a site of one.
      const { edition, rest } = deps.site.current().context.findEdition(path);
      // "/ja" is the Japanese home without its slash.
      if (rest === '') return reply.redirect(edition.edition.prefix, 301);
      const parsed = parseReaderPath(rest);
      const page = parsed.kind === 'section' ? parsePageNumber(req.query.page) : 1;
      if (page === 'invalid') throw invalidPageNumber();
      // The key is made once the address is understood: a page number counts only where pages are numbered. The
      // prefix is in it, so the first edition's keys are what they were.
      const key = pageHref(path, page);
      return cachedOrRendered(req, reply, key, (snap, now) => {
        const ctx = snap.context.findEdition(path).edition;
        return renderReaderPath(deps, snap, ctx, path, parsed, page, work.accessRanking(snap, ctx), now, (id) =>
          work.articles.answer(work.articleRequest(snap, ctx, path, id, now)),
        );
      });
    },
  );
};
