import type { ArticleSummary } from '../../domain/article.js';
import { accessRankingBox, type AccessRankingLoader } from '../../services/boxes.js';
import type { SiteContext } from '../../services/site-context.js';
import { createGenerationMemo } from '../shared-work.js';
import type { SiteSnapshot } from '../site-state.js';
import { createArticleAnswers, type ArticleRequest } from './article-answer.js';
import type { ReaderRouteDeps } from './reader-routes.js';
import { createRenderWriter } from './render-writer.js';
import { createSharedLists } from './shared-lists.js';

/**
 * What the reader routes and the fast path before Fastify (fast-articles.ts) share, made once per app: the ranking
 * box and the sections' lists, each made once a second per edition, the writer that keeps rendered article pages,
 * and the article pages' answers.
 */
export const createReaderWork = (deps: ReaderRouteDeps, onError: (error: unknown) => void) => {
  const siteBox = createGenerationMemo<ArticleSummary[]>();
  const lists = createSharedLists(deps.db, deps.views.tracker);
  const writer = createRenderWriter(deps.db, onError);
  const articles = createArticleAnswers(deps, writer);
  /**
   * The edition's ranking box is the same on every article page and its home page: computed once a second per
   * edition, not per render.
   */
  const accessRanking =
    (snap: SiteSnapshot, ctx: SiteContext): AccessRankingLoader =>
    (at) =>
      siteBox(`${snap.version} ${Math.floor(at.getTime() / 1000)}`, String(ctx.edition.id), () =>
        accessRankingBox(deps.db, ctx, deps.views.tracker, at),
      );
  const articleRequest = (
    snap: SiteSnapshot,
    ctx: SiteContext,
    path: string,
    id: number,
    now: Date,
  ): ArticleRequest => ({
    snap,
    ctx,
    path,
    id,
    now,
    accessRanking: accessRanking(snap, ctx),
    lists: lists(snap.version),
  });
  return { writer, articles, accessRanking, lists, articleRequest };
};

export type ReaderWork = ReturnType<typeof createReaderWork>;
