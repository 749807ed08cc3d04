import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseRowId } from '../../domain/ids.js';
import { InvalidInput, NotFound } from '../../services/errors.js';
import {
  articleIdOfReference,
  createTranslationDraft,
  dismissSourceUpdated,
  moveDraftToEdition,
} from '../../services/newsroom-translations.js';
import { linkTranslation, unlinkTranslation } from '../../services/translations.js';
import { formBody, FormText, IdParams, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { editableOf, sessionOf } from './request-context.js';

const TranslateForm = formBody({ edition: FormText });
const LinkForm = formBody({ other: FormText, role: FormText });
const DismissForm = formBody({ from: FormText });

/**
 * Translations in the newsroom (issue 13): Translate makes a linked draft in another edition; editors link and
 * unlink existing articles and dismiss "source updated" marks. A refusal shows the article's editor again with
 * the sentence services/translations.ts gives, beside the form that was sent, and what was typed in it.
 */
export const registerTranslationRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  /** Runs a change; a refusal the editor can act on comes back as its page, with the message by `field`. */
  const refusedInEditor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    field: 'translate' | 'translation' | 'move',
    change: () => Promise<string>,
    linkValues?: { other: string; role: string },
  ) => {
    let next: string;
    try {
      next = await change();
    } catch (error) {
      if (!(error instanceof InvalidInput) && !(error instanceof NotFound)) throw error;
      const message = error instanceof InvalidInput ? Object.values(error.fields).join(' ') : error.message;
      return renderEditor(deps, req, reply, id, {
        status: error instanceof NotFound ? 404 : 400,
        errors: { [field]: message },
        ...(linkValues ? { linkValues } : {}),
      });
    }
    await deps.site.refresh();
    return reply.redirect(next, 303);
  };

  // Whoever may edit the article may translate it: the draft is theirs.
  app.post(
    '/articles/:id/translate',
    {
      config: { access: { may: 'article.create', article: 'edit' } },
      schema: { params: IdParams, body: TranslateForm },
    },
    async (req, reply) =>
      refusedInEditor(req, reply, req.params.id, 'translate', async () => {
        const edition = parseRowId(req.body.edition);
        if (edition === null) throw new InvalidInput({ translate: 'Choose an edition to translate into.' });
        const created = await createTranslationDraft(
          deps.db,
          editableOf(req).id!,
          edition,
          sessionOf(req).account,
          deps.clock(),
        );
        return `/newsroom/articles/${created}?saved=translated`;
      }),
  );

  app.post(
    '/articles/:id/edition',
    { config: { access: { article: 'edit' } }, schema: { params: IdParams, body: TranslateForm } },
    async (req, reply) =>
      refusedInEditor(req, reply, req.params.id, 'move', async () => {
        const edition = parseRowId(req.body.edition);
        if (edition === null) throw new InvalidInput({ move: 'Choose an edition to move the draft to.' });
        await moveDraftToEdition(deps.db, req.params.id, edition);
        return `/newsroom/articles/${req.params.id}?saved=moved`;
      }),
  );

  const LINKS = { access: { may: 'article.edit-any' as const, article: 'open' as const } };

  app.post(
    '/articles/:id/translations',
    { config: LINKS, schema: { params: IdParams, body: LinkForm } },
    async (req, reply) => {
      const id = req.params.id;
      const { other, role } = req.body;
      return refusedInEditor(
        req,
        reply,
        id,
        'translation',
        async () => {
          const otherId = await articleIdOfReference(deps.db, other);
          if (role === 'translation') await linkTranslation(deps.db, otherId, id, deps.clock());
          else await linkTranslation(deps.db, id, otherId, deps.clock());
          return `/newsroom/articles/${id}?saved=linked`;
        },
        { other, role },
      );
    },
  );

  app.post(
    '/articles/:id/translations/unlink',
    { config: LINKS, schema: { params: IdParams, body: LinkForm } },
    async (req, reply) =>
      refusedInEditor(req, reply, req.params.id, 'translation', async () => {
        const other = parseRowId(req.body.other);
        if (other === null) throw new InvalidInput({ translation: 'Choose the article to unlink.' });
        await unlinkTranslation(deps.db, req.params.id, other);
        return `/newsroom/articles/${req.params.id}?saved=unlinked`;
      }),
  );

  /** `:id` is the translation; the desk's button comes back to the desk, the editor's to the editor. */
  app.post(
    '/articles/:id/source-updated/dismiss',
    { config: LINKS, schema: { params: IdParams, body: DismissForm } },
    async (req, reply) => {
      await dismissSourceUpdated(deps.db, req.params.id);
      return reply.redirect(req.body.from === 'editor' ? `/newsroom/articles/${req.params.id}` : '/newsroom', 303);
    },
  );
};
