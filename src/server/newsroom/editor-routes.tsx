import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isWorkflowAction, type WorkflowAction } from '../../domain/workflow.js';
import { InvalidInput, WorkflowRefused } from '../../services/errors.js';
import { formValuesOf } from '../../services/article-form.js';
import { mergeAfterConflict } from '../../services/merge-after-conflict.js';
import { saveFromNewsroom } from '../../services/save-from-newsroom.js';
import { emitArticleChange, hookFailed } from '../../services/plugin-events.js';
import { bodyHtmlRenderer } from '../api/body-html.js';
import { ArticleConflict } from '../../services/save-article.js';
import { noteSignificantUpdate } from '../../services/newsroom-translations.js';
import { isStorageFull, storageFull } from '../errors.js';
import { FormText, IdParams, IgnoredQuery, SavedQuery, typed } from '../route-schemas.js';
import { PHOTO_AND_IMAGE_FIELDS, storeFormUploads } from './form-uploads.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { editableOf, sessionOf, siteTimeFormat, wantsJson } from './request-context.js';

/**
 * The editor's fields, and whatever else the post carried: the plugins' custom fields are named `custom-…` by the
 * plugins loaded, which a fixed schema cannot list (formValuesOf keeps only those, as text).
 */
const EditorForm = z.preprocess(
  (v) => v ?? {},
  z
    .object({
      _csrf: z.string().optional(),
      headline: FormText,
      standfirst: FormText,
      body: FormText,
      section: FormText,
      authors: FormText,
      tags: FormText,
      slug: FormText,
      seoDescription: FormText,
      significant: FormText,
      scheduleAt: FormText,
      note: FormText,
      revision: FormText,
      action: FormText,
      ...PHOTO_AND_IMAGE_FIELDS,
    })
    .catchall(z.unknown()),
);
type EditorFormBody = z.output<typeof EditorForm>;

/** What the editor's address says a save did (`?saved=…`), so the page that follows can say it in words. */
const SAVED_MARKS: Record<WorkflowAction, string> = {
  save: '1',
  submit: 'submitted',
  publish: 'published',
  schedule: 'scheduled',
  unpublish: 'unpublished',
  'send-back': 'sent-back',
};

const SAVED_NOTICES: Record<string, string> = {
  submitted: 'Submitted for review.',
  published: 'Published.',
  unpublished: 'Unpublished: readers no longer see it.',
  'sent-back': 'Sent back to the writer.',
  // Translations (translation-routes.tsx).
  translated: 'A draft in this edition, copied from the source beside it: write the translation over it.',
  linked: 'Linked.',
  unlinked: 'Unlinked.',
  moved: 'Moved to this edition.',
};

/**
 * The notice after a save. "Scheduled" names the time from the stored article, in the site's zone, rather than
 * from the address; a mark this version does not know (or a schedule since undone) reads as a plain save.
 */
const savedNotice = (
  mark: string,
  article: { status: string | null; publishedAt: Date | null },
  format: (at: Date) => string,
) => {
  if (mark === 'scheduled' && article.status === 'scheduled' && article.publishedAt)
    return `Scheduled for ${format(article.publishedAt)}.`;
  return SAVED_NOTICES[mark] ?? 'Saved.';
};

/** Writing and editing: the editor page and its saves (forms from people, JSON for the autosave). */
export const registerEditorRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null, body: EditorFormBody) => {
    const session = sessionOf(req);
    const ctx = deps.site.current().context;
    const existing = id === null ? null : editableOf(req);
    const values = formValuesOf(body);
    try {
      await storeFormUploads(deps, body, values);
      const now = deps.clock();
      const fields = deps.plugins.fields;
      const before = existing?.status ?? null;
      const saved = await saveFromNewsroom(
        deps.db,
        ctx,
        session.account,
        existing,
        body.action,
        values,
        now,
        fields,
        deps.plugins.blocks,
      );
      // A significant update of a live source marks its translations; of a translation, takes its own mark off.
      if (values.significant === 'on') await noteSignificantUpdate(deps.db, saved.id, existing, now);
      await deps.site.refresh();
      // Plugins' hooks, after the commit (plugin-events.ts): awaited, but a failing one never fails the save.
      const events = {
        plugins: deps.plugins,
        source: 'server' as const,
        onError: hookFailed(req),
        html: bodyHtmlRenderer(deps.plugins),
      };
      await emitArticleChange(deps.db, deps.site.current().context, events, { id: saved.id, before, at: now });
      if (wantsJson(req)) return reply.send({ id: saved.id, revision: saved.revision });
      const mark = isWorkflowAction(body.action) ? SAVED_MARKS[body.action] : '1';
      return reply.redirect(`/newsroom/articles/${saved.id}?saved=${mark}`, 303);
    } catch (error) {
      // The autosave's script reads the one JSON envelope from the error handler.
      if (wantsJson(req)) throw error;
      if (error instanceof InvalidInput) {
        return renderEditor(deps, req, reply, id, { values, errors: error.fields, status: 400 });
      }
      if (error instanceof WorkflowRefused) {
        return renderEditor(deps, req, reply, id, { values, errors: { form: error.message }, status: error.status });
      }
      if (error instanceof ArticleConflict) {
        // The form comes back merged and carrying their revision: saving it is an informed choice, not a silent overwrite.
        const merged = await mergeAfterConflict(deps.db, ctx, error, values, deps.plugins.fields);
        return renderEditor(deps, req, reply, id, { values: merged.values, status: 409, conflict: merged.view });
      }
      if (isStorageFull(error)) {
        // Nothing was written; the editor comes back with what was typed and says why.
        req.log.error({ err: error }, 'a newsroom save failed: the database or disk is full');
        const full = storageFull();
        return renderEditor(deps, req, reply, id, { values, errors: { form: full.message }, status: full.status });
      }
      throw error;
    }
  };

  app.get(
    '/articles/new',
    { config: { access: { may: 'article.create' } }, schema: { querystring: IgnoredQuery } },
    async (req, reply) => renderEditor(deps, req, reply, null, { status: 200 }),
  );

  app.get(
    '/articles/:id',
    { config: { access: { article: 'open' } }, schema: { params: IdParams, querystring: SavedQuery } },
    async (req, reply) => {
      const notice = req.query.saved ? savedNotice(req.query.saved, editableOf(req), siteTimeFormat(deps)) : null;
      return renderEditor(deps, req, reply, req.params.id, { status: 200, ...(notice ? { notice } : {}) });
    },
  );

  app.post('/articles', { config: { access: { resume: true } }, schema: { body: EditorForm } }, async (req, reply) =>
    save(req, reply, null, req.body),
  );

  app.post(
    '/articles/:id',
    { config: { access: { article: 'open', resume: true } }, schema: { params: IdParams, body: EditorForm } },
    async (req, reply) => save(req, reply, req.params.id, req.body),
  );
};
