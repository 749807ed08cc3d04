import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { parseRowId } from '../../domain/ids.js';
import { can } from '../../domain/permissions.js';
import { authorFormValuesOf, emptyAuthorForm, type AuthorFormValues } from '../../services/author-form.js';
import {
  accountChoiceOf,
  createAuthor,
  listAuthors,
  loadAuthor,
  loadAuthorForEdit,
  updateAuthor,
} from '../../services/authors.js';
import { InvalidInput } from '../../services/errors.js';
import { previewUrls } from '../../services/image-library.js';
import { ImageRejected } from '../../services/store-image.js';
import { listUsers } from '../../services/users.js';
import { AuthorEditPage, AuthorsPage } from '../../views/newsroom/AuthorsPage.js';
import { formBody, FormText, IdParams, IgnoredQuery, SavedQuery, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, sessionOf } from './request-context.js';
import { hasFile, storeUpload, UploadField } from './uploads.js';

const AuthorForm = formBody({
  name: FormText,
  slug: FormText,
  jobTitle: FormText,
  bio: FormText,
  photoMediaId: FormText,
  removePhoto: FormText,
  photo: UploadField,
  website: FormText,
  x: FormText,
  bluesky: FormText,
  mastodon: FormText,
  linkedin: FormText,
  account: FormText,
});
type AuthorFormBody = z.output<typeof AuthorForm>;

const AUTHORS = { access: { may: 'authors.manage' as const } };

/** The form's text fields, as typed, with the photo the checkbox or an upload decided. */
const valuesOf = (body: AuthorFormBody): AuthorFormValues => ({
  name: body.name,
  slug: body.slug,
  jobTitle: body.jobTitle,
  bio: body.bio,
  photoMediaId: body.removePhoto === 'on' ? '' : body.photoMediaId,
  website: body.website,
  x: body.x,
  bluesky: body.bluesky,
  mastodon: body.mastodon,
  linkedin: body.linkedin,
  account: body.account,
});

/** Linking a profile to a newsroom account is managing that account: admins only. */
const mayLinkAccounts = (req: FastifyRequest): boolean => can(sessionOf(req).account.role, 'users.manage');

/** The Authors page for editors and admins: every profile, a new one, and each one's form. */
export const registerAuthorRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  const renderForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    authorId: number | null,
    view: { values: AuthorFormValues; errors?: Record<string, string>; notice?: string },
  ) => {
    const photoId = parseRowId(view.values.photoMediaId.trim());
    const preview = photoId === null ? null : ((await previewUrls(deps.db, [photoId])).get(photoId) ?? null);
    // The accounts this profile may belong to: those without a profile, and its own.
    const taken = new Set(
      (await listAuthors(deps.db)).flatMap((a) => (a.id === authorId || a.accountId === null ? [] : [a.accountId])),
    );
    const accounts = mayLinkAccounts(req) ? (await listUsers(deps.db)).filter((u) => !taken.has(u.id)) : null;
    return sendPage(
      reply,
      status,
      <AuthorEditPage
        chrome={chromeOf(deps, req, reply)}
        authorId={authorId}
        values={view.values}
        errors={view.errors ?? {}}
        photoPreview={preview}
        accounts={accounts}
        notice={view.notice}
      />,
    );
  };

  /**
   * Saves a form: an uploaded photo is stored first and its number kept in the values, so a refusal elsewhere
   * in the form loses neither the words nor the picture; a refusal shows the form again with its messages.
   */
  const save = async (req: FastifyRequest, reply: FastifyReply, authorId: number | null, body: AuthorFormBody) => {
    const values = valuesOf(body);
    try {
      if (hasFile(body.photo)) values.photoMediaId = String(await storeUpload(deps.db, body.photo, deps.clock()));
    } catch (error) {
      if (!(error instanceof ImageRejected)) throw error;
      const errors = { photo: `The photo was not accepted: ${error.message}.` };
      return renderForm(req, reply, 400, authorId, { values, errors });
    }
    // An editor's form has no account field: the link stays as it is.
    const account = mayLinkAccounts(req) ? accountChoiceOf(values.account) : undefined;
    if (mayLinkAccounts(req) && account === undefined) {
      return renderForm(req, reply, 400, authorId, { values, errors: { account: 'Choose an account, or none.' } });
    }
    try {
      const author =
        authorId === null
          ? await createAuthor(deps.db, values, account)
          : await updateAuthor(deps.db, authorId, values, account);
      await deps.site.refresh();
      return reply.redirect(`/newsroom/authors/${author.id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderForm(req, reply, 400, authorId, { values, errors: error.fields });
    }
  };

  app.get('/authors', { config: AUTHORS, schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    sendPage(reply, 200, <AuthorsPage chrome={chromeOf(deps, req, reply)} authors={await listAuthors(deps.db)} />),
  );

  app.get('/authors/new', { config: AUTHORS, schema: { querystring: IgnoredQuery } }, async (req, reply) =>
    renderForm(req, reply, 200, null, { values: emptyAuthorForm() }),
  );

  app.post('/authors', { config: AUTHORS, schema: { body: AuthorForm } }, async (req, reply) =>
    save(req, reply, null, req.body),
  );

  app.get(
    '/authors/:id',
    { config: AUTHORS, schema: { params: IdParams, querystring: SavedQuery } },
    async (req, reply) => {
      const { author, accountId } = await loadAuthorForEdit(deps.db, req.params.id);
      return renderForm(req, reply, 200, author.id, {
        values: authorFormValuesOf(author, accountId),
        ...(req.query.saved === '1' ? { notice: 'Saved.' } : {}),
      });
    },
  );

  app.post('/authors/:id', { config: AUTHORS, schema: { params: IdParams, body: AuthorForm } }, async (req, reply) => {
    // A form for an author deleted meanwhile is a 404 page, like opening it.
    await loadAuthor(deps.db, req.params.id);
    return save(req, reply, req.params.id, req.body);
  });
};
