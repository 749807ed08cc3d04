import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffLines } from '../../domain/text-diff.js';
import { decide } from '../../domain/workflow.js';
import { addCorrection } from '../../services/corrections.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { listRevisions, restoreRevision } from '../../services/revisions.js';
import { RevisionsPage } from '../../views/newsroom/RevisionsPage.js';
import { formBody, FormText, IdParams, RowId, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { chromeOf, editableOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

const COMPARED = ['headline', 'standfirst', 'body', 'section', 'tags'] as const;
const RevisionNumber = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);
const CompareQuery = z.object({ a: RevisionNumber.optional(), b: RevisionNumber.optional() });
const RestoreParams = z.object({ id: RowId, revision: RowId });
const CorrectionForm = formBody({ kind: FormText, text: FormText });

/** An article's history: revisions compared and restored, and corrections added to what was published. */
export const registerRevisionRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  app.get(
    '/articles/:id/revisions',
    {
      config: { access: { article: 'open' } },
      schema: { params: IdParams, querystring: CompareQuery },
    },
    async (req, reply) => {
      const existing = editableOf(req);
      const { account } = sessionOf(req);
      const revisions = await listRevisions(deps.db, deps.site.current().context, req.params.id);
      const { a, b } = req.query;
      let compare = null;
      if (a !== undefined && b !== undefined) {
        const ra = revisions.find((r) => r.revision === a);
        const rb = revisions.find((r) => r.revision === b);
        if (!ra || !rb) throw new NotFound('revision', 'Choose two revisions from the list.');
        const fields = COMPARED.filter((n) => ra.content[n] !== rb.content[n]).map((n) => ({
          name: n,
          lines: diffLines(ra.content[n], rb.content[n]),
        }));
        compare = { a, b, fields };
      }
      const format = siteTimeFormat(deps);
      const own = existing.createdBy === account.id;
      return sendPage(
        reply,
        200,
        <RevisionsPage
          chrome={chromeOf(deps, req, reply)}
          articleId={req.params.id}
          headline={existing.values.headline}
          revisions={revisions.map((r) => ({
            revision: r.revision,
            when: format(r.savedAt),
            savedBy: r.savedBy,
            status: r.status,
          }))}
          compare={compare}
          canRestore={decide(account.role, 'save', { status: existing.status, ownedByActor: own }).ok}
        />,
      );
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
      await restoreRevision(deps.db, id, revision, sessionOf(req).account.id, deps.clock());
      await deps.site.refresh();
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
