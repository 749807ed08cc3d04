import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parsePageNumber } from '../../domain/reader-path.js';
import { diffLines } from '../../domain/text-diff.js';
import { InvalidInput } from '../../services/errors.js';
import {
  PAGE_COMPARED,
  pageRevisionPage,
  pageRevisionsToCompare,
  restorePageRevision,
} from '../../services/publication-page-revisions.js';
import type { RevisionSummary } from '../../services/revisions.js';
import { RevisionsPage, type RevisionLine } from '../../views/newsroom/RevisionsPage.js';
import { invalidPageNumber, pageOutOfRange } from '../errors.js';
import { formBody, IdParams, RowId, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { pageOrNotFound, renderPageEditor } from './render-page-editor.js';
import { chromeOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';

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

const PAGES = { access: { may: 'pages.manage' as const } };

/** A publication page's history: its revisions listed, compared (the articles' view) and restored. */
export const registerPageRevisionRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  app.get(
    '/pages/:id/revisions',
    { config: PAGES, schema: { params: IdParams, querystring: RevisionsQuery } },
    async (req, reply) => {
      const page = await pageOrNotFound(deps, req.params.id);
      const { a, b } = req.query;
      const pageNumber = parsePageNumber(req.query.page);
      if (pageNumber === 'invalid') throw invalidPageNumber();
      const compareOf = async (from: number, to: number) => {
        const both = await pageRevisionsToCompare(deps.db, page.id, from, to);
        const changed = PAGE_COMPARED.filter((n) => both.a[n] !== both.b[n]);
        return { a: from, b: to, fields: changed.map((n) => ({ name: n, lines: diffLines(both.a[n], both.b[n]) })) };
      };
      const [list, compare] = await Promise.all([
        pageRevisionPage(deps.db, page.id, pageNumber),
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
          articleId={page.id}
          basePath={`/newsroom/pages/${page.id}`}
          backLabel="Back to the page"
          headline={page.title}
          revisions={list.revisions.map(line)}
          older={list.older ? line(list.older) : null}
          page={list.page}
          pages={list.pages}
          compare={compare}
          canRestore
        />,
      );
    },
  );

  app.post(
    '/pages/:id/revisions/:revision/restore',
    { config: PAGES, schema: { params: RestoreParams, body: formBody({}) } },
    async (req, reply) => {
      const { id, revision } = req.params;
      const page = await pageOrNotFound(deps, id);
      try {
        await restorePageRevision(deps.db, id, revision, sessionOf(req).account.id, deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderPageEditor(deps, req, reply, page, { status: 400, errors: error.fields });
      }
      await deps.site.refresh();
      return reply.redirect(`/newsroom/pages/${id}?saved=1`, 303);
    },
  );
};
