import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseRowId } from '../../domain/ids.js';
import { can } from '../../domain/permissions.js';
import type { PublicationPage } from '../../domain/publication-page.js';
import { InvalidInput } from '../../services/errors.js';
import { listPublicationPages, setFooterPages } from '../../services/publication-pages.js';
import { pageFormValuesOf, PageConflict, savePublicationPage } from '../../services/save-publication-page.js';
import { PagesPage } from '../../views/newsroom/PagesPage.js';
import { isStorageFull, storageFull } from '../errors.js';
import { DynamicForm, formBody, FormText, IdParams, SavedQuery, typed } from '../route-schemas.js';
import { PHOTO_AND_IMAGE_FIELDS, storeFormUploads } from './form-uploads.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { registerPageRevisionRoutes } from './page-revision-routes.js';
import { pageOrNotFound, renderPageEditor } from './render-page-editor.js';
import { chromeOf, sendPage, sessionOf, siteTimeFormat } from './request-context.js';
import { emitPageChange, hookFailed } from '../../services/plugin-events.js';
import { bodyHtmlRenderer } from '../api/body-html.js';

const PageForm = formBody({
  title: FormText,
  slug: FormText,
  body: FormText,
  revision: FormText,
  action: FormText,
  ...PHOTO_AND_IMAGE_FIELDS,
});
type PageFormBody = z.output<typeof PageForm>;

const PAGES = { access: { may: 'pages.manage' as const } };
// The footer is the whole site's frame: an admin's choice, like the sections.
const FOOTER = { access: { may: 'settings.manage' as const } };

const NOTICES: Record<string, string> = {
  '1': 'Saved.',
  published: 'Published.',
  unpublished: 'Unpublished: readers no longer see it.',
};

/** The footer form's places (`footer_<id>` = 1, 2…): the ids in footer order, or a message for a bad place. */
const footerOrderOf = (form: Record<string, unknown>): number[] | string => {
  const places: [number, number][] = [];
  for (const [name, value] of Object.entries(form)) {
    const match = /^footer_(\d+)$/.exec(name);
    if (!match || value === '' || value === undefined) continue;
    const id = parseRowId(match[1]);
    const place = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : 0;
    if (id === null || place < 1) return 'Give each footer page a place from 1 to 99, or leave it empty.';
    places.push([id, place]);
  }
  return places.sort((x, y) => x[1] - y[1] || x[0] - y[0]).map(([id]) => id);
};

/** Pages of the publication in the newsroom: the list (with the footer's order), the editor, revisions. */
export const registerPageRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    notice?: string,
    error?: string,
  ) =>
    sendPage(
      reply,
      status,
      <PagesPage
        chrome={chromeOf(deps, req, reply)}
        pages={await listPublicationPages(deps.db)}
        canChooseFooter={can(sessionOf(req).account.role, 'settings.manage')}
        notice={notice}
        error={error}
        formatTime={siteTimeFormat(deps)}
      />,
    );

  const save = async (req: FastifyRequest, reply: FastifyReply, page: PublicationPage | null, body: PageFormBody) => {
    const values = pageFormValuesOf(body);
    try {
      await storeFormUploads(deps, body, values);
      const now = deps.clock();
      const saved = await savePublicationPage(deps.db, sessionOf(req).account.id, page, body.action, values, now);
      await deps.site.refresh();
      // After the commit; awaited, so a hook's work is done when the editor's next page loads (plugin-events.ts).
      await emitPageChange(
        deps.db,
        deps.site.current().context,
        { plugins: deps.plugins, source: 'server', onError: hookFailed(req), html: bodyHtmlRenderer(deps.plugins) },
        { before: page?.status ?? null, after: saved.status, at: now, page: saved },
      );
      const said = body.action === 'publish' ? 'published' : body.action === 'unpublish' ? 'unpublished' : '1';
      return reply.redirect(`/newsroom/pages/${saved.id}?saved=${said}`, 303);
    } catch (error) {
      // Whatever went wrong, the form comes back with what was typed.
      if (error instanceof InvalidInput)
        return renderPageEditor(deps, req, reply, page, { status: 400, values, errors: error.fields });
      if (error instanceof PageConflict) {
        const errors = {
          form: 'Someone saved this page since you opened it. Your text is below: copy what you need, reload the page and apply it again.',
        };
        return renderPageEditor(deps, req, reply, page, { status: 409, values, errors });
      }
      if (isStorageFull(error)) {
        req.log.error({ err: error }, 'a page save failed: the database or disk is full');
        const full = storageFull();
        return renderPageEditor(deps, req, reply, page, {
          status: full.status,
          values,
          errors: { form: full.message },
        });
      }
      throw error;
    }
  };

  app.get('/pages', { config: PAGES, schema: { querystring: SavedQuery } }, async (req, reply) =>
    renderList(req, reply, 200, req.query.saved ? 'Footer saved.' : undefined),
  );

  app.post('/pages/footer', { config: FOOTER, schema: { body: DynamicForm } }, async (req, reply) => {
    const order = footerOrderOf(req.body);
    if (typeof order === 'string') return renderList(req, reply, 400, undefined, order);
    try {
      await setFooterPages(deps.db, order);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderList(req, reply, 400, undefined, error.fields.footer);
    }
    await deps.site.refresh();
    return reply.redirect('/newsroom/pages?saved=1', 303);
  });

  app.get('/pages/new', { config: PAGES, schema: { querystring: SavedQuery } }, async (req, reply) =>
    renderPageEditor(deps, req, reply, null, { status: 200 }),
  );

  app.post('/pages', { config: PAGES, schema: { body: PageForm } }, async (req, reply) =>
    save(req, reply, null, req.body),
  );

  app.get(
    '/pages/:id',
    { config: PAGES, schema: { params: IdParams, querystring: SavedQuery } },
    async (req, reply) => {
      const notice = req.query.saved ? (NOTICES[req.query.saved] ?? NOTICES['1']) : undefined;
      return renderPageEditor(deps, req, reply, await pageOrNotFound(deps, req.params.id), {
        status: 200,
        ...(notice ? { notice } : {}),
      });
    },
  );

  app.post('/pages/:id', { config: PAGES, schema: { params: IdParams, body: PageForm } }, async (req, reply) =>
    save(req, reply, await pageOrNotFound(deps, req.params.id), req.body),
  );

  registerPageRevisionRoutes(scope, deps);
};
