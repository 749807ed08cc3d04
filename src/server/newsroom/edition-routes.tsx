import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { listEditionsWithCounts, saveEdition } from '../../services/edition-admin.js';
import { namingEdition, saveSectionNames, sectionNamesOf } from '../../services/section-names.js';
import { InvalidInput, NotFound, type FieldErrors } from '../../services/errors.js';
import { EditionPage, EditionsPage, editionValues, SectionNamesPage } from '../../views/newsroom/EditionsPage.js';
import { DynamicForm, formBody, FormText, IdParams, SavedQuery, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage } from './request-context.js';

const EditionForm = formBody({
  language: FormText,
  prefix: FormText,
  publicationName: FormText,
  shortName: FormText,
  tagline: FormText,
  timeZoneLabel: FormText,
  dateStyle: FormText,
  topArticlesHeading: FormText,
  rankingHeading: FormText,
});

/** What was typed, without the form token: a refused form shows it again. */
const typedValues = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string') as [string, string][],
  );

/** Editions and their section names (issue 13): the admin's, like Settings and Sections. */
export const registerEditionRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);
  const SETTINGS = { access: { may: 'settings.manage' as const } };
  const SECTIONS = { access: { may: 'sections.manage' as const } };

  /** A refusal shows the form again with what was typed; a save refreshes what every page shows. */
  const saveOrShowAgain = async (
    reply: FastifyReply,
    savedAt: (id: number) => string,
    save: () => Promise<number>,
    showAgain: (errors: FieldErrors) => Promise<FastifyReply>,
  ) => {
    let id: number;
    try {
      id = await save();
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return showAgain(error.fields);
    }
    await deps.site.refresh();
    return reply.redirect(savedAt(id), 303);
  };

  const renderList = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    view: { values?: Record<string, string>; errors?: FieldErrors; saved?: boolean },
  ) =>
    sendPage(
      reply,
      status,
      <EditionsPage
        chrome={chromeOf(deps, req, reply)}
        entries={await listEditionsWithCounts(deps.db)}
        values={view.values ?? {}}
        errors={view.errors ?? {}}
        saved={view.saved ?? false}
      />,
    );

  const renderEdition = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    view: { values?: Record<string, string>; errors?: FieldErrors; saved?: boolean },
  ) => {
    const entry = (await listEditionsWithCounts(deps.db)).find((e) => e.edition.id === id);
    if (!entry) throw new NotFound('edition', `There is no edition ${id}.`);
    return sendPage(
      reply,
      status,
      <EditionPage
        chrome={chromeOf(deps, req, reply)}
        edition={entry.edition}
        isFirst={entry.isFirst}
        values={view.values ?? editionValues(entry.edition)}
        errors={view.errors ?? {}}
        saved={view.saved ?? false}
      />,
    );
  };

  app.get('/editions', { config: SETTINGS, schema: { querystring: SavedQuery } }, async (req, reply) =>
    renderList(req, reply, 200, { saved: req.query.saved === '1' }),
  );

  app.post('/editions', { config: SETTINGS, schema: { body: EditionForm } }, async (req, reply) =>
    saveOrShowAgain(
      reply,
      () => '/newsroom/editions?saved=1',
      () => saveEdition(deps.db, null, req.body),
      (errors) => renderList(req, reply, 400, { values: typedValues(req.body), errors }),
    ),
  );

  app.get(
    '/editions/:id',
    { config: SETTINGS, schema: { params: IdParams, querystring: SavedQuery } },
    async (req, reply) => renderEdition(req, reply, req.params.id, 200, { saved: req.query.saved === '1' }),
  );

  app.post('/editions/:id', { config: SETTINGS, schema: { params: IdParams, body: EditionForm } }, async (req, reply) =>
    saveOrShowAgain(
      reply,
      (id) => `/newsroom/editions/${id}?saved=1`,
      () => saveEdition(deps.db, req.params.id, req.body),
      (errors) => renderEdition(req, reply, req.params.id, 400, { values: typedValues(req.body), errors }),
    ),
  );

  const renderNames = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    status: number,
    view: { values?: Record<string, string>; errors?: FieldErrors; saved?: boolean },
  ) => {
    const edition = await namingEdition(deps.db, id);
    return sendPage(
      reply,
      status,
      <SectionNamesPage
        chrome={chromeOf(deps, req, reply)}
        edition={edition}
        entries={await sectionNamesOf(deps.db, id)}
        values={view.values ?? {}}
        errors={view.errors ?? {}}
        saved={view.saved ?? false}
      />,
    );
  };

  app.get(
    '/editions/:id/sections',
    { config: SECTIONS, schema: { params: IdParams, querystring: SavedQuery } },
    async (req, reply) => renderNames(req, reply, req.params.id, 200, { saved: req.query.saved === '1' }),
  );

  app.post(
    '/editions/:id/sections',
    { config: SECTIONS, schema: { params: IdParams, body: DynamicForm } },
    async (req, reply) =>
      saveOrShowAgain(
        reply,
        (id) => `/newsroom/editions/${id}/sections?saved=1`,
        async () => {
          await saveSectionNames(deps.db, req.params.id, req.body);
          return req.params.id;
        },
        (errors) => renderNames(req, reply, req.params.id, 400, { values: typedValues(req.body), errors }),
      ),
  );
};
