import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { diffLines } from '../../domain/text-diff.js';
import { parsePageNumber } from '../../domain/reader-path.js';
import { decide } from '../../domain/workflow.js';
import { addCorrection } from '../../services/corrections.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { restoreRevision, revisionPage, revisionsToCompare, type RevisionSummary } from '../../services/revisions.js';
import { RevisionsPage, type RevisionLine } from '../../views/newsroom/RevisionsPage.js';
import { invalidPageNumber, pageOutOfRange } from '../errors.js';
import { formBody, FormText, IdParams, RowId, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { chromeOf, editableOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

const COMPARED = ['headline', 'standfirst', 'body', 'section', 'tags'] as const;
const RevisionNumber = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);
const RevisionsQuery = z.object({
  a: RevisionNumber.optional(),
  b: RevisionNumber.optional(),
  page: z.string().optional(),
});
const RestoreParams = z.object({ id: RowId, revision: RowId });
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
      const { a, b } = req.query;
      const pageNumber = parsePageNumber(req.query.page);
      if (pageNumber === 'invalid') throw invalidPageNumber();
      const compareOf = async (from: number, to: number) => {
        const both = await revisionsToCompare(deps.db, deps.site.current().context, req.params.id, from, to);
        const changed = COMPARED.filter((n) => both.a[n] !== both.b[n]);
        return { a: from, b: to, fields: changed.map((n) => ({ name: n, lines: diffLines(both.a[n], both.b[n]) })) };
      };
      const [list, compare] = await Promise.all([
        revisionPage(deps.db, req.params.id, pageNumber),
        a !== undefined && b !== undefined ? compareOf(a, b) : null,
      ]);
      if (list.page > list.pages) throw pageOutOfRange(list.pages);
      const format = siteTimeFormat(deps);
      const line = (r: RevisionSummary): RevisionLine => ({
        revision: r.revision,
        when: format(r.savedAt),
        savedBy: r.savedBy,
        status: r.status,
        autosave: r.autosave,
        size: r.size,
      });
      return sendPage(
        reply,
        200,
        <RevisionsPage
          chrome={chromeOf(deps, req, reply)}
          articleId={req.params.id}
          headline={existing.values.headline}
          revisions={list.revisions.map(line)}
          older={list.older ? line(list.older) : null}
          page={list.page}
          pages={list.pages}
          compare={compare}
          canRestore={
            decide(account.role, 'save', { status: existing.status, ownedByActor: existing.createdBy === account.id })
              .ok
          }
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
