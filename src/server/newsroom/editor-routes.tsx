import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { InvalidInput, WorkflowRefused } from '../../services/errors.js';
import { appendBodyImage, formValuesOf, type ArticleFormValues } from '../../services/article-form.js';
import { mergeAfterConflict } from '../../services/merge-after-conflict.js';
import { saveFromNewsroom } from '../../services/save-from-newsroom.js';
import { ArticleConflict } from '../../services/save-article.js';
import { ImageRejected } from '../../services/store-image.js';
import { isStorageFull, storageFull } from '../errors.js';
import { formBody, FormText, IdParams, IgnoredQuery, SavedQuery, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { editableOf, sessionOf, wantsJson } from './request-context.js';
import { hasFile, storeUpload, UploadField, type Upload } from './uploads.js';

const EditorForm = formBody({
  headline: FormText,
  standfirst: FormText,
  body: FormText,
  section: FormText,
  authors: FormText,
  tags: FormText,
  slug: FormText,
  seoDescription: FormText,
  photoMediaId: FormText,
  photoCaption: FormText,
  photoCredit: FormText,
  photoAlt: FormText,
  significant: FormText,
  scheduleAt: FormText,
  note: FormText,
  revision: FormText,
  action: FormText,
  removePhoto: FormText,
  photo: UploadField,
  bodyImage: UploadField,
  bodyImageAlt: FormText,
  bodyImageCaption: FormText,
  bodyImageCredit: FormText,
});
type EditorFormBody = z.output<typeof EditorForm>;

/** An image the store refused, as a message by its field of the form. */
const imageRefusal = (field: string, what: string, error: unknown): InvalidInput => {
  if (!(error instanceof ImageRejected)) throw error;
  return new InvalidInput({ [field]: `The ${what} was not accepted: ${error.message}.` });
};

/** Writing and editing: the editor page and its saves (forms from people, JSON for the autosave). */
export const registerEditorRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  const store = async (upload: Upload, field: string, what: string): Promise<number> => {
    try {
      return await storeUpload(deps.db, upload, deps.clock());
    } catch (error) {
      throw imageRefusal(field, what, error);
    }
  };

  /**
   * Stores the form's uploads into its values: an upload is kept as soon as it is a good image, so a failed
   * save elsewhere in the form loses neither the text nor the picture.
   */
  const addUploads = async (body: EditorFormBody, values: ArticleFormValues): Promise<void> => {
    if (hasFile(body.photo)) values.photoMediaId = String(await store(body.photo, 'photo', 'photo'));
    if (hasFile(body.bodyImage)) {
      const alt = body.bodyImageAlt.trim();
      if (alt === '') {
        throw new InvalidInput({
          bodyImageAlt: 'Describe the image for readers who cannot see it, then choose the file again.',
        });
      }
      if (alt.length > 500) throw new InvalidInput({ bodyImageAlt: 'Keep the alt text under 500 characters.' });
      const mediaId = await store(body.bodyImage, 'bodyImage', 'image');
      values.body = appendBodyImage(values.body, {
        mediaId,
        alt,
        caption: body.bodyImageCaption,
        credit: body.bodyImageCredit,
      });
    }
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null, body: EditorFormBody) => {
    const session = sessionOf(req);
    const ctx = deps.site.current().context;
    const existing = id === null ? null : editableOf(req);
    const values = formValuesOf(body);
    if (body.removePhoto === 'on') values.photoMediaId = '';
    try {
      await addUploads(body, values);
      const saved = await saveFromNewsroom(deps.db, ctx, session.account, existing, body.action, values, deps.clock());
      await deps.site.refresh();
      if (wantsJson(req)) return reply.send({ id: saved.id, revision: saved.revision });
      return reply.redirect(`/newsroom/articles/${saved.id}?saved=1`, 303);
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
        const merged = await mergeAfterConflict(deps.db, ctx, error, values);
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
    async (req, reply) =>
      renderEditor(deps, req, reply, req.params.id, { status: 200, ...(req.query.saved ? { notice: 'Saved.' } : {}) }),
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
