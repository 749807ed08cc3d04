import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInput, type FieldErrors } from '../../services/errors.js';
import { deleteRedirect, listRedirects, REDIRECTS_PAGE_SIZE, saveRedirects } from '../../services/redirects.js';
import { RedirectsPage } from '../../views/newsroom/RedirectsPage.js';
import { formBody, FormText, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, siteTimeFormat } from './request-context.js';

const RedirectForm = formBody({ from: FormText, to: FormText });
const DeleteForm = formBody({ from: FormText });

/** What a form's answer says next, by a word in the address: never text typed, which the address would carry. */
const NOTICES = {
  added: 'Added the redirect.',
  replaced: 'Replaced the redirect from that address.',
  unchanged: 'That redirect was there already.',
  deleted: 'Deleted the redirect.',
  gone: 'That redirect was gone already.',
} as const;
type NoticeWord = keyof typeof NOTICES;

const RedirectsQuery = z.object({
  q: z.string().max(200, 'Keep the search under 200 characters.').optional(),
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, 'The page is a number from 1.')
    .optional(),
  done: z.enum(Object.keys(NOTICES) as [NoticeWord, ...NoticeWord[]]).optional(),
});

/**
 * Newsroom → Redirects (issue 17; docs/architecture/0023-redirects.md): old addresses and where they lead, for editors
 * and admins (redirects.manage). Adding one that exists replaces it; both forms carry the form token like every
 * newsroom form, and a refused one shows the page again with what was typed.
 */
export const registerRedirectRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);
  const MANAGE = { access: { may: 'redirects.manage' as const } };

  const renderPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: { search?: string; page?: number; values?: Record<string, string>; errors?: FieldErrors; notice?: string },
  ) => {
    const search = view.search ?? '';
    const page = view.page ?? 1;
    const { rows, total } = await listRedirects(deps.db, { page, query: search });
    return sendPage(
      reply,
      status,
      <RedirectsPage
        chrome={chromeOf(deps, req, reply)}
        rows={rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }))}
        total={total}
        page={page}
        pageSize={REDIRECTS_PAGE_SIZE}
        search={search}
        values={view.values ?? {}}
        errors={view.errors ?? {}}
        notice={view.notice ?? null}
        formatTime={siteTimeFormat(deps)}
      />,
    );
  };

  const done = (reply: FastifyReply, word: NoticeWord) => reply.redirect(`/newsroom/redirects?done=${word}`, 303);

  app.get('/redirects', { config: MANAGE, schema: { querystring: RedirectsQuery } }, async (req, reply) =>
    renderPage(req, reply, 200, {
      search: req.query.q?.trim() ?? '',
      page: Number(req.query.page ?? 1),
      ...(req.query.done ? { notice: NOTICES[req.query.done] } : {}),
    }),
  );

  app.post('/redirects', { config: MANAGE, schema: { body: RedirectForm } }, async (req, reply) => {
    const { from, to } = req.body;
    try {
      const saved = await saveRedirects(deps.db, [{ from, to, source: 'newsroom' }]);
      await deps.site.refresh();
      return done(reply, saved.created ? 'added' : saved.updated ? 'replaced' : 'unchanged');
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderPage(req, reply, 400, { values: { from, to }, errors: error.fields });
    }
  });

  app.post('/redirects/delete', { config: MANAGE, schema: { body: DeleteForm } }, async (req, reply) => {
    const gone = await deleteRedirect(deps.db, req.body.from);
    if (gone) await deps.site.refresh();
    return done(reply, gone ? 'deleted' : 'gone');
  });
};
