import type { FastifyInstance } from 'fastify';
import { decide } from '../../domain/workflow.js';
import { addCorrection } from '../../services/corrections.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { restoreRevision, revisionPage, revisionsToCompare } from '../../services/revisions.js';
import { emitArticleChange, hookFailed } from '../../services/plugin-events.js';
import { bodyHtmlRenderer } from '../api/body-html.js';
import { formBody, FormText, IdParams, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { editableOf, sessionOf } from './request-context.js';
import { RestoreParams, RevisionsQuery, sendRevisionHistory } from './revision-history.js';

const COMPARED = ['headline', 'standfirst', 'body', 'section', 'tags'] as const;
const CorrectionForm = formBody({ kind: FormText, text: FormText });

/** An article's history: revisions compared and restored, and corrections added to what was published. */
export const registerRevisionRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  app.get(
    '/articles/:id/revisions',
    {
      config: { access: { article: 'open' } },
      schema: { params: IdParams, querystring: RevisionsQuery },
    },
    async (req, reply) => {
      const existing = editableOf(req);
      const { account } = sessionOf(req);
      const { id } = req.params;
      return sendRevisionHistory(deps, req, reply, req.query, {
        compared: COMPARED,
        list: (page) => revisionPage(deps.db, id, page),
        pair: (a, b) => revisionsToCompare(deps.db, deps.site.current().context, id, a, b),
        customFields: deps.plugins.fields,
        view: {
          articleId: id,
          headline: existing.values.headline,
          canRestore: decide(account.role, 'save', {
            status: existing.status,
            ownedByActor: existing.createdBy === account.id,
          }).ok,
        },
      });
    },
  );

  app.post(
    '/articles/:id/revisions/:revision/restore',
    {
      config: { access: { article: 'edit' } },
      schema: { params: RestoreParams, body: formBody({}) },
    },
    async (req, reply) => {
      const { id, revision } = req.params;
      const before = editableOf(req).status;
      const now = deps.clock();
      await restoreRevision(deps.db, id, revision, sessionOf(req).account.id, now, deps.site.current().context);
      await deps.site.refresh();
      // A restored live article is an update for plugins' hooks, told after the commit (plugin-events.ts).
      const events = {
        plugins: deps.plugins,
        source: 'server' as const,
        onError: hookFailed(req),
        html: bodyHtmlRenderer(deps.plugins),
      };
      await emitArticleChange(deps.db, deps.site.current().context, events, { id, before, at: now });
      return reply.redirect(`/newsroom/articles/${id}?saved=1`, 303);
    },
  );

  app.post(
    '/articles/:id/corrections',
    {
      config: { access: { may: 'article.correct', article: 'open' } },
      schema: { params: IdParams, body: CorrectionForm },
    },
    async (req, reply) => {
      const { id } = req.params;
      if (editableOf(req).status !== 'published')
        throw new NotFound('article', 'Corrections go on published articles.');
      try {
        await addCorrection(deps.db, id, req.body, sessionOf(req).account.id, deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderEditor(deps, req, reply, id, { errors: error.fields, status: 400 });
      }
      await deps.site.refresh();
      return reply.redirect(`/newsroom/articles/${id}?saved=1`, 303);
    },
  );
};
