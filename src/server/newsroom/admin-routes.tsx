import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { ROLES } from '../../domain/permissions.js';
import { createAccountWithProfile, listAuthors, profileChoiceOf } from '../../services/authors.js';
import { loadEditions } from '../../services/edition-admin.js';
import { InvalidInput, type FieldErrors } from '../../services/errors.js';
import type { PublisherImage } from '../../domain/settings.js';
import { savePublisherImage, saveSection, saveSiteSettings } from '../../services/site-admin.js';
import { ImageRejected, storeImage } from '../../services/store-image.js';
import { changeUser, listUsers, type UserChange } from '../../services/users.js';
import { SectionsPage, SettingsPage } from '../../views/newsroom/SitePages.js';
import { UsersPage } from '../../views/newsroom/UsersPage.js';
import { formBody, FormText, IdParams, SavedQuery, typed } from '../route-schemas.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { chromeOf, sendPage, sessionOf } from './request-context.js';
import { hasFile, UploadField } from './uploads.js';

const NewUserForm = formBody({
  name: FormText,
  email: FormText,
  role: FormText,
  password: FormText,
  profile: FormText,
});
const UserChangeForm = formBody({ change: FormText, role: FormText, password: FormText });
const SettingsForm = formBody({
  publicationName: FormText,
  shortName: FormText,
  tagline: FormText,
  timeZone: FormText,
  timeZoneLabel: FormText,
  language: FormText,
  baseUrl: FormText,
  twitterHandle: FormText,
  sameAs: FormText,
  feedContent: FormText,
  defaultSection: FormText,
});
const PublisherImageForm = formBody({ which: FormText, remove: FormText, file: UploadField });
const SectionForm = formBody({ name: FormText, slug: FormText, parent: FormText, position: FormText });

/** What was typed into a form, for showing it again: its fields without the form token. */
const typedValues = ({ _csrf: _token, ...values }: { _csrf?: string | undefined } & Record<string, string>) => values;

/** The Users form's change, or the message that says what is missing. */
const userChangeOf = (form: z.output<typeof UserChangeForm>): UserChange | string => {
  if (form.change === 'disable' || form.change === 'enable') return { kind: form.change };
  if (form.change === 'password') return { kind: 'password', password: form.password };
  if (form.change !== 'role') return 'Choose what to change.';
  const role = ROLES.find((r) => r === form.role);
  return role ? { kind: 'role', role } : 'Choose contributor, editor or admin.';
};

interface UsersView {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  notice?: string;
}

/** Accounts, site settings and sections: the admin's pages. */
export const registerAdminRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);

  const renderUsers = async (req: FastifyRequest, reply: FastifyReply, status: number, view: UsersView = {}) =>
    sendPage(
      reply,
      status,
      <UsersPage
        chrome={chromeOf(deps, req, reply)}
        errors={view.errors ?? {}}
        values={view.values ?? {}}
        notice={view.notice}
        users={await listUsers(deps.db)}
        authors={await listAuthors(deps.db)}
      />,
    );

  const USERS = { access: { may: 'users.manage' as const } };
  app.get('/users', { config: USERS, schema: { querystring: SavedQuery } }, async (req, reply) =>
    renderUsers(req, reply, 200, req.query.saved === '1' ? { notice: 'Saved.' } : {}),
  );

  app.post('/users', { config: USERS, schema: { body: NewUserForm } }, async (req, reply) => {
    const { name, email, role, password, profile } = req.body;
    const choice = profileChoiceOf(profile);
    const values = { name, email, role, profile };
    if (!choice) return renderUsers(req, reply, 400, { errors: { profile: 'Choose an author profile.' }, values });
    try {
      await createAccountWithProfile(deps.db, { name, email, role, password }, choice, deps.clock());
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return renderUsers(req, reply, 400, { errors: error.fields, values });
    }
    if (choice.kind === 'new') await deps.site.refresh();
    return reply.redirect('/newsroom/users?saved=1', 303);
  });

  app.post('/users/:id', { config: USERS, schema: { params: IdParams, body: UserChangeForm } }, async (req, reply) => {
    const change = userChangeOf(req.body);
    if (typeof change === 'string') return renderUsers(req, reply, 400, { notice: change });
    try {
      await changeUser(deps.db, sessionOf(req).account, req.params.id, change);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const { form, password } = error.fields;
      return renderUsers(req, reply, 400, { notice: password ? `The password was not set: ${password}` : form });
    }
    if (change.kind !== 'password') return reply.redirect('/newsroom/users?saved=1', 303);
    const notice = "Password set; that person's sessions were signed out. Tell them the new password in person.";
    return renderUsers(req, reply, 200, { notice });
  });

  /**
   * Saves a site form (settings, a section); a refusal shows the form again with what was typed and the messages
   * by its fields, and a save refreshes what every page shows.
   */
  const saveSiteForm = async (
    reply: FastifyReply,
    savedAt: string,
    save: () => Promise<unknown>,
    showAgain: (errors: FieldErrors) => FastifyReply,
  ) => {
    try {
      await save();
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return showAgain(error.fields);
    }
    await deps.site.refresh();
    return reply.redirect(savedAt, 303);
  };

  const SETTINGS = { access: { may: 'settings.manage' as const } };
  const settingsValues = (): Record<string, string> => {
    const { logo: _logo, icon: _icon, sameAs, ...text } = deps.site.current().context.settings;
    return { ...text, sameAs: sameAs.join('\n') };
  };
  /** What the environment decides (DATELINE_BASE_URL), with its value: read-only in the form, never stored from it. */
  const fixedSettings = (): { baseUrl?: string } => {
    const { settings, originSource } = deps.site.current().context;
    return originSource === 'environment' ? { baseUrl: settings.baseUrl } : {};
  };
  const publisherImages = () => {
    const { logo, icon } = deps.site.current().context.settings;
    return { logo, icon };
  };
  app.get('/settings', { config: SETTINGS, schema: { querystring: SavedQuery } }, async (req, reply) =>
    sendPage(
      reply,
      200,
      <SettingsPage
        chrome={chromeOf(deps, req, reply)}
        values={settingsValues()}
        errors={{}}
        images={publisherImages()}
        sections={deps.site.current().context.sections.all}
        fixed={fixedSettings()}
        saved={req.query.saved === '1'}
      />,
    ),
  );

  /** The logo or icon form: an upload replaces the image, "remove" goes back to the drawn initials. */
  app.post('/settings/image', { config: SETTINGS, schema: { body: PublisherImageForm } }, async (req, reply) => {
    const { which, remove, file } = req.body;
    const showAgain = (message: string) =>
      sendPage(
        reply,
        400,
        <SettingsPage
          chrome={chromeOf(deps, req, reply)}
          values={settingsValues()}
          errors={{ [which === 'icon' ? 'icon' : 'logo']: message }}
          images={publisherImages()}
          sections={deps.site.current().context.sections.all}
          fixed={fixedSettings()}
        />,
      );
    if (which !== 'logo' && which !== 'icon') return showAgain('Choose the logo or the icon.');
    let image: PublisherImage | null = null;
    if (remove !== '1') {
      if (!hasFile(file)) return showAgain('Choose an image file.');
      try {
        if (file.tooLarge) throw new ImageRejected('the file is larger than 15 MB');
        image = await storeImage(deps.db, file.bytes, deps.clock());
      } catch (error) {
        if (!(error instanceof ImageRejected)) throw error;
        return showAgain(`The image was not accepted: ${error.message}.`);
      }
      image = { mediaId: image.mediaId, hash: image.hash, width: image.width, height: image.height };
    }
    await savePublisherImage(deps.db, which, image);
    await deps.site.refresh();
    return reply.redirect('/newsroom/settings?saved=1', 303);
  });

  app.post('/settings', { config: SETTINGS, schema: { body: SettingsForm } }, async (req, reply) =>
    saveSiteForm(
      reply,
      '/newsroom/settings?saved=1',
      // A fixed setting keeps its value whatever the form sent (its field is read-only), and is not stored.
      () => saveSiteSettings(deps.db, { ...req.body, ...fixedSettings() }, Object.keys(fixedSettings())),
      (errors) =>
        sendPage(
          reply,
          400,
          <SettingsPage
            chrome={chromeOf(deps, req, reply)}
            values={typedValues(req.body)}
            errors={errors}
            images={publisherImages()}
            sections={deps.site.current().context.sections.all}
            fixed={fixedSettings()}
          />,
        ),
    ),
  );

  const SECTIONS = { access: { may: 'sections.manage' as const } };
  const sectionRows = () => {
    const tree = deps.site.current().context.sections;
    return tree.all.map((section) => ({
      section,
      parent: section.parentId === null ? null : (tree.byId.get(section.parentId) ?? null),
    }));
  };
  /** The editions whose section names have a page of their own: all but the first. */
  const otherEditions = async () => (await loadEditions(deps.db)).slice(1);
  app.get('/sections', { config: SECTIONS, schema: { querystring: SavedQuery } }, async (req, reply) =>
    sendPage(
      reply,
      200,
      <SectionsPage
        chrome={chromeOf(deps, req, reply)}
        sections={sectionRows()}
        values={{}}
        errors={{}}
        saved={req.query.saved === '1'}
        otherEditions={await otherEditions()}
      />,
    ),
  );

  app.post('/sections', { config: SECTIONS, schema: { body: SectionForm } }, async (req, reply) =>
    saveSiteForm(
      reply,
      '/newsroom/sections?saved=1',
      () => saveSection(deps.db, req.body, { site: deps.site.current().context, at: deps.clock() }),
      (errors) =>
        sendPage(
          reply,
          400,
          <SectionsPage
            chrome={chromeOf(deps, req, reply)}
            sections={sectionRows()}
            values={typedValues(req.body)}
            errors={errors}
          />,
        ),
    ),
  );
};
