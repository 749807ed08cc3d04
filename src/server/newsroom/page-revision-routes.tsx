import { emitPageChange, hookFailed } from '../../services/plugin-events.js';
import { bodyHtmlRenderer } from '../api/body-html.js';
import type { FastifyInstance } from 'fastify';
import { InvalidInput } from '../../services/errors.js';
import {
  PAGE_COMPARED,
  pageRevisionPage,
  pageRevisionsToCompare,
  restorePageRevision,
} from '../../services/publication-page-revisions.js';
import { formBody, IdParams, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { pageOrNotFound, renderPageEditor } from './render-page-editor.js';
import { sessionOf } from './request-context.js';
import { RestoreParams, RevisionsQuery, sendRevisionHistory } from './revision-history.js';

const PAGES = { access: { may: 'pages.manage' as const } };

/** A publication page's history: its revisions listed, compared (the articles' view) and restored. */
export const registerPageRevisionRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  app.get(
    '/pages/:id/revisions',
    { config: PAGES, schema: { params: IdParams, querystring: RevisionsQuery } },
    async (req, reply) => {
      const page = await pageOrNotFound(deps, req.params.id);
      return sendRevisionHistory(deps, req, reply, req.query, {
        compared: PAGE_COMPARED,
        list: (n) => pageRevisionPage(deps.db, page.id, n),
        pair: (a, b) => pageRevisionsToCompare(deps.db, page.id, a, b),
        view: {
          articleId: page.id,
          basePath: `/newsroom/pages/${page.id}`,
          backLabel: 'Back to the page',
          headline: page.title,
          canRestore: true,
        },
      });
    },
  );

  app.post(
    '/pages/:id/revisions/:revision/restore',
    { config: PAGES, schema: { params: RestoreParams, body: formBody({}) } },
    async (req, reply) => {
      const { id, revision } = req.params;
      const page = await pageOrNotFound(deps, id);
      const now = deps.clock();
      try {
        await restorePageRevision(deps.db, id, revision, sessionOf(req).account.id, now);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderPageEditor(deps, req, reply, page, { status: 400, errors: error.fields });
      }
      await deps.site.refresh();
      // A restored live page is an update for plugins' hooks, told after the commit (plugin-events.ts).
      const restored = await pageOrNotFound(deps, id);
      await emitPageChange(
        deps.db,
        deps.site.current().context,
        { plugins: deps.plugins, source: 'server', onError: hookFailed(req), html: bodyHtmlRenderer(deps.plugins) },
        { before: page.status, after: restored.status, at: now, page: restored },
      );
      return reply.redirect(`/newsroom/pages/${id}?saved=1`, 303);
    },
  );
};
