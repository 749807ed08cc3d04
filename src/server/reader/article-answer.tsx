import {
  decodeRenderMeta,
  encodeRenderMeta,
  relatedDueAt,
  type ArticleRenderMeta,
} from '../../domain/article-render-meta.js';
import { signViewToken } from '../../domain/view-token.js';
import { loadArticleEnd, loadArticleEndChosen } from '../../services/article-end.js';
import { without, TOP_ARTICLES_COUNT, type AccessRankingLoader, type SharedLists } from '../../services/boxes.js';
import { editionSummaries, loadArticlePage, type ArticlePageData } from '../../services/reader-pages.js';
import { hasEditions, type SiteContext } from '../../services/site-context.js';
import type { ArticleSummaryRow } from '../../storage/repositories/article.repository.js';
import { summaryRowsByFewIds } from '../../storage/repositories/few-summaries.repository.js';
import { findKeptArticle } from '../../storage/repositories/kept-article.repository.js';
import { sectionPath } from '../../domain/section.js';
import type { Section } from '../../domain/article.js';
import { renderDocument } from '../../views/render.js';
import { ArticlePage } from '../../views/reader/ArticlePage.js';
import { articleNotFound } from '../errors.js';
import type { CachedResponse } from '../page-cache.js';
import { createGenerationMemo } from '../shared-work.js';
import { chromeOf, type SiteSnapshot } from '../site-state.js';
import { packPieces, unpackPieces, type DeflatedPiece } from '../stitched-gzip.js';
import {
  beaconPiece,
  createEndLists,
  rankingPiece,
  renderKeptPieces,
  stitchArticle,
  topPiece,
  type KeptPieces,
} from './article-pieces.js';
import { articleSurrogate, html, redirect, stitchedHtml } from './reader-entries.js';
import type { ReaderRouteDeps } from './reader-routes.js';
import type { RenderWriter } from './render-writer.js';
import { siteStampOf } from './site-stamp.js';
import { createEditionSummaries, createLiveRows } from './summary-rows.js';
import { slotArticle } from './slot-article.js';

interface Kept {
  meta: ArticleRenderMeta;
  pieces: KeptPieces;
  /** Which of `meta.related` are live now, read with the row; null: not read (their rows asked when needed). */
  relatedLive: ReadonlySet<number> | null;
  /** PostgreSQL: their summary rows, read with the row (findKeptArticle); null: kept per content version here. */
  relatedRows: ArticleSummaryRow[] | null;
}

/** What one answer is asked with: the request's snapshot and edition, its path and its time. */
export interface ArticleRequest {
  snap: SiteSnapshot;
  ctx: SiteContext;
  path: string;
  id: number;
  now: Date;
  accessRanking: AccessRankingLoader;
  lists: (ctx: SiteContext) => SharedLists;
}

/**
 * Article pages answered from pieces kept when they were first rendered (record 0009, "Pages rendered once"): the
 * kept row is read by its key, the four holes are filled (Related and More in, the section's box and the ranking
 * box, both made once a second, and the beacon's token) and the pieces stitched into one gzip member, without
 * rendering or compressing the page again. A page not kept yet, or kept under another site stamp (a setting, a
 * section, the theme, a plugin or the build changed), is rendered whole, answered, and kept for the next reader.
 */
export const createArticleAnswers = (deps: ReaderRouteDeps, writer: RenderWriter) => {
  const tops = createGenerationMemo<DeflatedPiece>();
  const summariesOf = createEditionSummaries();
  const liveRows = createLiveRows(deps.db);
  const endLists = createEndLists();
  const rankings = createGenerationMemo<DeflatedPiece>();
  const scripts = () => ({ beacon: deps.assets.href('view-beacon.js'), page: deps.assets.href('article-page.js') });
  let stamped: { snap: SiteSnapshot; stamp: string } | null = null;
  const stampOf = (snap: SiteSnapshot): string => {
    if (stamped?.snap !== snap) stamped = { snap, stamp: siteStampOf(snap, scripts()) };
    return stamped.stamp;
  };

  const readKept = async (id: number, stamp: string, now: number): Promise<Kept | null> => {
    const found = await findKeptArticle(deps.db, id, now);
    if (!found) return null;
    const { row, relatedLive, relatedRows } = found;
    // Made later than now (a clock set back, or a process whose clock runs ahead): it may show what is not live yet.
    if (row.site_stamp !== stamp || row.made_at > now) return null;
    const meta = decodeRenderMeta(row.meta);
    if (!meta || (meta.staleAt !== null && now >= meta.staleAt)) return null;
    try {
      const pieces = unpackPieces(row.pieces);
      return pieces.length === 5
        ? { meta, pieces, relatedLive: relatedLive && new Set(relatedLive), relatedRows }
        : null;
    } catch {
      return null;
    }
  };

  /** The whole page rendered from the database, answered, and its pieces kept; null: no such live article. */
  const renderWhole = async (
    req: ArticleRequest,
    stamp: string,
  ): Promise<{ data: ArticlePageData; kept: Kept | null } | null> => {
    const { snap, ctx, id, now } = req;
    const data = await loadArticlePage(deps.db, ctx, deps.views.tracker, id, now, req.accessRanking, req.lists);
    if (!data) return null;
    if (data.canonicalPath !== req.path) return { data, kept: null };
    const chrome = chromeOf(snap, ctx);
    const pieces = renderKeptPieces({
      chrome,
      ...data,
      sectionPath: sectionPath(ctx.sections, data.article.section),
      pageScript: scripts().page,
      pluginArticle: slotArticle(data.article, chrome.settings.baseUrl, data.canonicalPath),
    });
    if (!pieces) return { data, kept: null };
    // Only a site of several editions links translations; loadArticlePage asked when the next member goes live.
    const staleAt = hasEditions(ctx) ? data.groupNextGoLive : null;
    const meta: ArticleRenderMeta = {
      editionId: data.editionId,
      canonicalPath: data.canonicalPath,
      sectionId: data.article.section.id,
      boxSectionId: data.boxSection.id,
      tags: data.article.tags,
      firstPublishedAt: data.article.firstPublishedAt!.getTime(),
      related: data.relatedIds,
      relatedAt: now.getTime(),
      staleAt,
    };
    writer.keep(
      {
        article_id: id,
        site_stamp: stamp,
        made_at: now.getTime(),
        meta: encodeRenderMeta(meta),
        pieces: packPieces(pieces),
      },
      snap.version,
    );
    return { data, kept: { meta, pieces, relatedLive: null, relatedRows: null } };
  };

  /** The page stitched from its kept pieces and this answer's holes. */
  const stitched = async (req: ArticleRequest, kept: Kept, fresh: ArticlePageData | null): Promise<CachedResponse> => {
    const { snap, ctx, id, now } = req;
    const t = now.getTime();
    const chrome = chromeOf(snap, ctx);
    const { meta } = kept;
    const section = ctx.sections.byId.get(meta.sectionId);
    const boxSection = ctx.sections.byId.get(meta.boxSectionId);
    if (!section || !boxSection) throw articleNotFound();
    const generation = `${snap.version} ${Math.floor(t / 1000)}`;
    const [end, top, ranking] = await Promise.all([
      fresh ?? endOf(req, kept, section, stampOf(snap)),
      (async () => {
        // One box for the section's pages, and one without each of the few articles in it.
        const box = await req.lists(ctx).sectionBox(boxSection, now);
        const own = box.some((a) => a.id === id) ? String(id) : '-';
        return tops(generation, `${ctx.edition.id} ${boxSection.id} ${own}`, async () =>
          topPiece(chrome, boxSection, without(box, id, TOP_ARTICLES_COUNT)),
        );
      })(),
      rankings(generation, String(ctx.edition.id), async () => rankingPiece(chrome, await req.accessRanking(now))),
    ]);
    const page = stitchArticle(kept.pieces, {
      end: endLists(snap.version, chrome, boxSection, end.related, end.moreInSection),
      top,
      ranking,
      beacon: beaconPiece(scripts().beacon, id, signViewToken(deps.views.tokenKey, id, t)),
    });
    return stitchedHtml(page, t, articleSurrogate(id));
  };

  return {
    /** The article page's answer: from its kept pieces, or rendered whole and kept; a redirect for another spelling. */
    async answer(req: ArticleRequest): Promise<CachedResponse> {
      const t = req.now.getTime();
      const kept = await readKept(req.id, stampOf(req.snap), t);
      if (kept) {
        // Any other spelling of the article's address (old section, wrong date, no slash, another edition) moves.
        if (kept.meta.canonicalPath !== req.path) return redirect(kept.meta.canonicalPath, t);
        return stitched(req, kept, null);
      }
      const whole = await renderWhole(req, stampOf(req.snap));
      if (!whole) throw articleNotFound();
      if (whole.data.canonicalPath !== req.path) return redirect(whole.data.canonicalPath, t);
      if (!whole.kept) return html(renderWholePage(req, whole.data), t, undefined, articleSurrogate(req.id));
      return stitched(req, whole.kept, whole.data);
    },
    /**
     * Only the answer from kept pieces, at the page's own address; null for anything else (not kept, another
     * spelling, no such article), which `answer` then makes: what the fast path before Fastify sends.
     */
    async answerKept(req: ArticleRequest): Promise<CachedResponse | null> {
      const kept = await readKept(req.id, stampOf(req.snap), req.now.getTime());
      if (!kept || kept.meta.canonicalPath !== req.path) return null;
      return stitched(req, kept, null);
    },
  };

  /** Related (chosen again when due, and the choice kept) and More in, for a kept page. */
  async function endOf(req: ArticleRequest, kept: Kept, section: Section, stamp: string) {
    const { ctx, id, now } = req;
    const t = now.getTime();
    if (t < relatedDueAt(kept.meta))
      return loadArticleEndChosen(
        deps.db,
        ctx,
        { id, section },
        kept.meta.related,
        now,
        summariesOf(req.snap.version),
        req.lists(ctx).newest,
        chosenRows(kept, req.snap.version),
      );
    const end = await loadArticleEnd(
      deps.db,
      ctx,
      { id, section, tags: kept.meta.tags },
      now,
      editionSummaries,
      req.lists(ctx).newest,
    );
    writer.keepMeta(id, encodeRenderMeta({ ...kept.meta, related: end.relatedIds, relatedAt: t }), stamp);
    return end;
  }

  /**
   * The rows of a kept page's chosen Related stories live now: as its statement brought them (PostgreSQL), kept per
   * content version for the ids it found live (SQLite), or asked now (a meta the statement could not read).
   */
  function chosenRows(kept: Kept, version: number) {
    const { relatedLive, relatedRows } = kept;
    return async (ids: number[], at: Date): Promise<ArticleSummaryRow[]> => {
      if (relatedRows) return relatedRows;
      if (relatedLive)
        return liveRows(
          version,
          ids.filter((id) => relatedLive.has(id)),
          at.getTime(),
        );
      return summaryRowsByFewIds(deps.db, ids, at.getTime());
    };
  }

  /** A page that cannot be kept (a hole's mark missing), rendered whole as before. */
  function renderWholePage(req: ArticleRequest, data: ArticlePageData): string {
    const chrome = chromeOf(req.snap, req.ctx);
    return renderDocument(
      <ArticlePage
        chrome={chrome}
        {...data}
        sectionPath={sectionPath(req.ctx.sections, data.article.section)}
        beacon={{
          src: scripts().beacon,
          token: signViewToken(deps.views.tokenKey, data.article.id, req.now.getTime()),
        }}
        pageScript={scripts().page}
        pluginArticle={slotArticle(data.article, chrome.settings.baseUrl, data.canonicalPath)}
      />,
    );
  }
};
