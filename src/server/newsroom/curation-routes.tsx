import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Section } from '../../domain/article.js';
import { curationCandidates, orderFromForm, saveCuration } from '../../services/curation.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import { CurationPage, type CurationPageProps } from '../../views/newsroom/CurationPage.js';
import { DynamicForm, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, siteTimeFormat } from './request-context.js';

const CurationQuery = z.object({ section: z.string().optional(), saved: z.string().optional() });
const CURATE = { access: { may: 'curation.edit' as const } };

/** The home page's top stories and each section's pinned Top Articles, ordered by editors. */
export const registerCurationRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  /** What is being curated: the home page (null) or a top-level section named by its slug. */
  const scopeOf = (raw: unknown): Section | null => {
    if (raw === undefined || raw === 'home') return null;
    const section = typeof raw === 'string' ? deps.site.current().context.sections.bySlug.get(raw) : undefined;
    if (!section || section.parentId !== null) throw new NotFound('section', 'Choose a section from the list.');
    return section;
  };

  const candidatesFor = async (section: Section | null) => {
    const format = siteTimeFormat(deps);
    const found = await curationCandidates(deps.db, deps.site.current().context, section?.id ?? null, deps.clock());
    return found.map((c) => ({
      id: c.id,
      headline: c.headline,
      position: c.position,
      when: c.publishedAt ? format(c.publishedAt) : '',
    }));
  };

  const renderCuration = (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    section: Section | null,
    candidates: CurationPageProps['candidates'],
    outcome: { saved?: boolean; error?: string },
  ) =>
    sendPage(
      reply,
      status,
      <CurationPage
        chrome={chromeOf(deps, req, reply)}
        section={section}
        sections={deps.site.current().context.sections.top}
        candidates={candidates}
        {...outcome}
      />,
    );

  app.get('/curation', { config: CURATE, schema: { querystring: CurationQuery } }, async (req, reply) => {
    const section = scopeOf(req.query.section);
    return renderCuration(req, reply, 200, section, await candidatesFor(section), { saved: req.query.saved === '1' });
  });

  app.post('/curation', { config: CURATE, schema: { body: DynamicForm } }, async (req, reply) => {
    const section = scopeOf(req.body.scope);
    const candidates = await candidatesFor(section);
    try {
      await saveCuration(deps.db, section?.id ?? null, orderFromForm(req.body, new Set(candidates.map((c) => c.id))));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderCuration(req, reply, 400, section, candidates, { error: error.fields.form });
    }
    await deps.site.refresh();
    return reply.redirect(`/newsroom/curation?${section ? `section=${section.slug}&` : ''}saved=1`, 303);
  });
};
