import { randomBytes } from 'node:crypto';
import formbody from '@fastify/formbody';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isArticleStatus, type ArticleStatus } from '../../domain/article.js';
import { parsePageNumber } from '../../domain/reader-path.js';
import { formatDateline } from '../../domain/dateline.js';
import { can, isRole, type Action } from '../../domain/permissions.js';
import { diffLines } from '../../domain/text-diff.js';
import { decide } from '../../domain/workflow.js';
import {
  changeOwnPassword, countAccounts, createAccount, endAllSessions, endSession, findSession, sameToken, SESSION_SECONDS,
  setPassword, signIn, startSession, type Session,
} from '../../services/accounts.js';
import { recentActivity } from '../../services/activity.js';
import { addCorrection, correctionsFor } from '../../services/corrections.js';
import { orderFromForm, saveCuration } from '../../services/curation.js';
import { saveSection, saveSiteSettings } from '../../services/site-admin.js';
import {
  appendBodyImage, bodyImageIds, emptyForm, formValuesOf, imageLibraryPage, listNewsroomArticles, loadEditable, mergeAfterConflict, previewUrls,
  saveFromNewsroom, type ArticleFormValues, type ConflictView, type EditableArticle,
} from '../../services/newsroom-articles.js';
import { articlePath } from '../../services/reader-pages.js';
import { listRevisions, restoreRevision } from '../../services/revisions.js';
import { ArticleConflict } from '../../services/save-article.js';
import { ImageRejected, MAX_IMAGE_BYTES, storeImage } from '../../services/store-image.js';
import { renderDocument } from '../../views/render.js';
import { ArticleEditorPage } from '../../views/newsroom/ArticleEditorPage.js';
import { AccountPage, LoginPage, SetupPage } from '../../views/newsroom/AuthPages.js';
import { ActivityPage, ArticleListPage, DeskPage, NewsroomErrorPage, type ArticleRowView } from '../../views/newsroom/DeskPages.js';
import type { NewsroomChrome } from '../../views/newsroom/NewsroomLayout.js';
import { MediaLibraryPage } from '../../views/newsroom/MediaLibraryPage.js';
import { RevisionsPage } from '../../views/newsroom/RevisionsPage.js';
import { CurationPage } from '../../views/newsroom/CurationPage.js';
import { UsersPage } from '../../views/newsroom/UsersPage.js';
import { SectionsPage, SettingsPage } from '../../views/newsroom/SitePages.js';
import type { AppDeps } from '../app.js';
import { badRequest, invalidPageNumber } from '../errors.js';
import { newsroomCookie, readCookie } from './cookies.js';
import { parseRowId } from '../../domain/ids.js';
import { InvalidInput, WorkflowRefused } from '../../services/errors.js';

const SESSION_COOKIE = 'dl_session';
const FORM_COOKIE = 'dl_form';
type Req = FastifyRequest<{ Params: Record<string, string>; Body: Record<string, unknown> | undefined; Querystring: Record<string, unknown> }>;

declare module 'fastify' {
  interface FastifyRequest {
    newsroomSession: Session | null;
  }
}


interface Upload {
  bytes: Buffer;
  tooLarge: boolean;
  filename: string;
}
const isUpload = (v: unknown): v is Upload => typeof v === 'object' && v !== null && 'bytes' in v && Buffer.isBuffer((v as Upload).bytes);

/** The newsroom at /newsroom: accounts, the desk, writing, review, scheduling, corrections. */
export const registerNewsroomRoutes = (app: FastifyInstance, deps: AppDeps): void => {
  void app.register(async (nr) => {
    await nr.register(formbody, { bodyLimit: 1024 * 1024 });
    // The editor form is multipart (it may carry a photo). Files are read into memory up to the image limit;
    // a larger one is cut short and flagged, so the form can answer with a message instead of a dropped request.
    await nr.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: MAX_IMAGE_BYTES, files: 2, fields: 40, fieldSize: 1024 * 1024 },
      onFile: async (part: MultipartFile) => {
        const bytes = await part.toBuffer();
        const upload: Upload = { bytes, tooLarge: part.file.truncated, filename: part.filename };
        part.value = upload;
      },
    });
    nr.decorateRequest('newsroomSession', null);
    // The multipart parser reports a cut-off or malformed body as a plain Error; that is the sender's mistake, a 400.
    // Anything rethrown here goes on to the application's error handler.
    nr.setErrorHandler((error) => {
      const parserError = error instanceof Error && !('statusCode' in error) && /multipart|part header|end of form/i.test(error.message);
      throw parserError ? badRequest('The form data was cut off or malformed. Send the form again.') : error;
    });

    nr.addHook('onRequest', async (_req, reply) => {
      reply.header('cache-control', 'no-store');
    });
    nr.addHook('preHandler', async (req) => {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      req.newsroomSession = token ? await findSession(deps.db, token, deps.clock()) : null;
    });

    const secure = (req: FastifyRequest) => req.protocol === 'https';
    const send = (reply: FastifyReply, status: number, page: Parameters<typeof renderDocument>[0]) =>
      reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));

    /** Forms before sign-in carry a token matching a cookie (double submit); after, the session's token. */
    const formToken = (req: FastifyRequest, reply: FastifyReply): string => {
      if (req.newsroomSession) return req.newsroomSession.csrfToken;
      let token = readCookie(req.headers.cookie, FORM_COOKIE);
      if (!token || !/^[A-Za-z0-9_-]{32}$/.test(token)) {
        token = randomBytes(24).toString('base64url');
        reply.header('set-cookie', newsroomCookie(FORM_COOKIE, token, { maxAgeSeconds: 86_400, secure: secure(req), sameSite: 'Strict' }));
      }
      return token;
    };

    const chrome = (req: FastifyRequest, reply: FastifyReply): NewsroomChrome => ({
      publicationName: deps.site.current().context.settings.publicationName,
      cssHref: deps.assets.href('newsroom.css'),
      account: req.newsroomSession?.account ?? null,
      csrfToken: formToken(req, reply),
    });

    const errorPage = (req: FastifyRequest, reply: FastifyReply, status: number, title: string, message: string) =>
      send(reply, status, <NewsroomErrorPage chrome={chrome(req, reply)} status={status} title={title} message={message} />);
    const badPageNumber = (req: FastifyRequest, reply: FastifyReply) => {
      const bad = invalidPageNumber();
      return errorPage(req, reply, bad.status, bad.title, bad.message);
    };

    /** Every POST: same-site only, and the right form token; checked before anything changes. */
    nr.addHook('preHandler', async (req: Req, reply) => {
      if (req.method !== 'POST') return;
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return errorPage(req, reply, 403, 'Refused', 'That request came from another site.');
      }
      // A session that expired mid-edit: show sign-in with the typed text kept, instead of a refusal.
      if (!req.newsroomSession && (req.url.startsWith('/newsroom/articles') || req.url === '/newsroom/media')) return;
      const given = typeof req.body?._csrf === 'string' ? req.body._csrf : String(req.headers['x-csrf-token'] ?? '');
      const expected = req.newsroomSession?.csrfToken ?? readCookie(req.headers.cookie, FORM_COOKIE) ?? '';
      if (!expected || !sameToken(given, expected)) {
        return errorPage(req, reply, 403, 'Form expired', 'This form has expired or did not come from the newsroom. Go back, reload the page and try again.');
      }
    });

    const signedIn = (req: Req, reply: FastifyReply): Session | null => {
      if (req.newsroomSession) return req.newsroomSession;
      void reply.redirect(`/newsroom/login?next=${encodeURIComponent(req.url)}`, 303);
      return null;
    };
    const allowed = (req: Req, reply: FastifyReply, session: Session, action: Action): boolean => {
      if (can(session.account.role, action)) return true;
      void errorPage(req, reply, 403, 'Not allowed', `Your role (${session.account.role}) cannot do that.`);
      return false;
    };

    const startSignedIn = async (req: FastifyRequest, reply: FastifyReply, accountId: number) => {
      const { token } = await startSession(deps.db, accountId, deps.clock());
      reply.header('set-cookie', newsroomCookie(SESSION_COOKIE, token, { maxAgeSeconds: SESSION_SECONDS, secure: secure(req), sameSite: 'Lax' }));
      req.newsroomSession = await findSession(deps.db, token, deps.clock());
    };

    // ---- accounts ----
    nr.get('/', async (req: Req, reply) => {
      if ((await countAccounts(deps.db)) === 0) return send(reply, 200, <SetupPage chrome={chrome(req, reply)} errors={{}} values={{}} />);
      const session = signedIn(req, reply);
      if (!session) return reply;
      return renderDesk(req, reply, session);
    });

    nr.post('/setup', async (req: Req, reply) => {
      const values = { name: String(req.body?.name ?? ''), email: String(req.body?.email ?? '') };
      if ((await countAccounts(deps.db)) > 0) return errorPage(req, reply, 403, 'Already set up', 'The owner account exists; sign in instead.');
      try {
        const account = await createAccount(deps.db, { ...values, password: String(req.body?.password ?? ''), role: 'admin' }, deps.clock());
        await startSignedIn(req, reply, account.id);
        return reply.redirect('/newsroom', 303);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return send(reply, 400, <SetupPage chrome={chrome(req, reply)} errors={error.fields} values={values} />);
      }
    });

    nr.get('/login', async (req: Req, reply) => {
      if (req.newsroomSession) return reply.redirect('/newsroom', 303);
      return send(reply, 200, <LoginPage chrome={chrome(req, reply)} errors={{}} values={{}} />);
    });

    nr.post('/login', async (req: Req, reply) => {
      const email = String(req.body?.email ?? '');
      const resumeTo = String(req.body?.resume_to ?? '');
      const resumeData = String(req.body?.resume_data ?? '');
      const resume = resumeTo ? { to: resumeTo, data: resumeData } : null;
      const result = await signIn(deps.db, email, String(req.body?.password ?? ''), req.ip, deps.clock());
      if (!result.ok) {
        const message = result.reason === 'throttled'
          ? 'Too many failed attempts. Wait 15 minutes and try again.'
          : 'That email and password do not match an account.';
        return send(reply, result.reason === 'throttled' ? 429 : 401,
          <LoginPage chrome={chrome(req, reply)} errors={{ form: message }} values={{ email }} resume={resume} />);
      }
      await startSignedIn(req, reply, result.account.id);
      const m = /^\/newsroom\/articles(?:\/(\d+))?$/.exec(resumeTo);
      const resumeId = m?.[1] === undefined ? null : parseRowId(m[1]);
      if (m && (m[1] === undefined || resumeId !== null) && req.newsroomSession) {
        let values: ArticleFormValues;
        try {
          values = formValuesOf(JSON.parse(resumeData));
        } catch {
          values = emptyForm();
        }
        return renderEditor(req, reply, req.newsroomSession, resumeId, { values, status: 200,
          notice: 'You were signed out while editing. Your text is below, unchanged: check it and save.' });
      }
      return reply.redirect('/newsroom', 303);
    });

    nr.post('/logout', async (req: Req, reply) => {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (token) await endSession(deps.db, token);
      reply.header('set-cookie', newsroomCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: secure(req), sameSite: 'Lax' }));
      return reply.redirect('/newsroom/login', 303);
    });

    nr.post('/logout-everywhere', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      await endAllSessions(deps.db, session.account.id);
      reply.header('set-cookie', newsroomCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: secure(req), sameSite: 'Lax' }));
      return reply.redirect('/newsroom/login', 303);
    });

    nr.get('/account', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      return send(reply, 200, <AccountPage chrome={chrome(req, reply)} errors={{}} saved={req.query.saved === '1'} />);
    });

    nr.post('/account', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      const field = (name: string) => (typeof req.body?.[name] === 'string' ? String(req.body[name]) : '');
      try {
        await changeOwnPassword(deps.db, { account: session.account, token: readCookie(req.headers.cookie, SESSION_COOKIE) ?? '', ip: req.ip },
          { current: field('current'), password: field('password'), confirm: field('confirm') }, deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return send(reply, 400, <AccountPage chrome={chrome(req, reply)} errors={error.fields} />);
      }
      return reply.redirect('/newsroom/account?saved=1', 303);
    });

    // ---- desk and lists ----
    const tz = () => deps.site.current().context.settings;
    const rowsOf = (rows: Awaited<ReturnType<typeof listNewsroomArticles>>): ArticleRowView[] =>
      rows.map((r) => ({
        id: r.id, headline: r.headline, status: r.status as ArticleStatus, by: r.created_by_name,
        when: formatDateline(new Date(r.status === 'scheduled' && r.published_at ? r.published_at : r.modified_at), tz().timeZone, tz().timeZoneLabel),
      }));

    const renderDesk = async (req: Req, reply: FastifyReply, session: Session) => {
      const mine = session.account.role === 'contributor' ? { createdBy: session.account.id } : {};
      const [review, scheduled, recent] = await Promise.all([
        listNewsroomArticles(deps.db, { status: 'in_review', limit: 20, ...mine }),
        listNewsroomArticles(deps.db, { status: 'scheduled', limit: 20, ...mine }),
        listNewsroomArticles(deps.db, { limit: 15, ...mine }),
      ]);
      const top = deps.views.tracker.top('24h', null, 8);
      const headlines = new Map((await deps.db.selectFrom('article').select(['id', 'headline'])
        .where('id', 'in', top.length ? top.map((t) => t.articleId) : [-1]).execute()).map((r) => [r.id, r.headline]));
      const reading = await Promise.all(top.map(async (t) => ({
        id: t.articleId, views: t.views, headline: headlines.get(t.articleId) ?? `Article ${t.articleId}`,
        hourly: await deps.views.tracker.hourlyViews(t.articleId, 24),
      })));
      return send(reply, 200, <DeskPage chrome={chrome(req, reply)} review={rowsOf(review)} scheduled={rowsOf(scheduled)} recent={rowsOf(recent)} reading={reading} />);
    };

    const LIST_PAGE_SIZE = 50;
    nr.get('/articles', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      const { status: rawStatus, q: rawSearch, page: rawPage } = req.query;
      if (rawStatus !== undefined && rawStatus !== '' && !isArticleStatus(rawStatus)) {
        return errorPage(req, reply, 400, 'Unknown status', 'Choose one of the listed statuses.');
      }
      if (rawSearch !== undefined && typeof rawSearch !== 'string') return errorPage(req, reply, 400, 'Bad search', 'Search for words in a headline.');
      const page = parsePageNumber(rawPage);
      if (page === 'invalid') return badPageNumber(req, reply);
      const status = isArticleStatus(rawStatus) ? rawStatus : null;
      const search = (rawSearch ?? '').trim().slice(0, 200);
      // One row more than a page tells whether there is an older page, without counting the archive.
      const rows = await listNewsroomArticles(deps.db, {
        limit: LIST_PAGE_SIZE + 1, offset: (page - 1) * LIST_PAGE_SIZE, search, ...(status ? { status } : {}),
        ...(session.account.role === 'contributor' ? { createdBy: session.account.id } : {}),
      });
      return send(reply, 200, <ArticleListPage chrome={chrome(req, reply)} rows={rowsOf(rows.slice(0, LIST_PAGE_SIZE))} status={status}
        search={search} page={page} hasOlder={rows.length > LIST_PAGE_SIZE} />);
    });

    nr.get('/activity', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'article.edit-any')) return reply;
      const rows = (await recentActivity(deps.db, 100)).map((e) => ({
        when: formatDateline(e.at, tz().timeZone, tz().timeZoneLabel), by: e.by, did: e.did, articleId: e.articleId, headline: e.headline,
      }));
      return send(reply, 200, <ActivityPage chrome={chrome(req, reply)} rows={rows} />);
    });

    // ---- the editor ----
    const renderEditor = async (
      req: Req, reply: FastifyReply, session: Session, id: number | null,
      opts: { values?: ArticleFormValues; errors?: Record<string, string>; status: number; notice?: string;
        conflict?: ConflictView },
    ) => {
      const ctx = deps.site.current().context;
      const existing = id === null ? null : await loadEditable(deps.db, ctx, id);
      if (id !== null && !existing) return errorPage(req, reply, 404, 'No such article', 'That article does not exist.');
      if (existing && session.account.role === 'contributor' && existing.createdBy !== session.account.id) {
        return errorPage(req, reply, 403, 'Not allowed', 'Contributors can open only their own articles.');
      }
      const section = existing && ctx.sections.bySlug.get(existing.values.section);
      const authors = await deps.db.selectFrom('author').select(['slug', 'name']).orderBy('name').execute();
      const shownValues = opts.values ?? existing?.values ?? emptyForm();
      const photoId = parseRowId(shownValues.photoMediaId);
      const previews = await previewUrls(deps.db, [...(photoId === null ? [] : [photoId]), ...bodyImageIds(shownValues.body)]);
      return send(reply, opts.status, (
        <ArticleEditorPage
          chrome={chrome(req, reply)}
          articleId={id}
          status={existing?.status ?? null}
          ownedByActor={existing === null || existing.createdBy === session.account.id}
          role={session.account.role}
          values={shownValues}
          editorScript={deps.assets.builtHref('newsroom-editor.js')}
          photoPreview={photoId === null ? null : (previews.get(photoId) ?? null)}
          bodyImagePreviews={Object.fromEntries([...previews].filter(([id]) => id !== photoId))}
          errors={opts.errors ?? {}}
          sections={ctx.sections.all.map((s) => ({
            section: s, label: s.parentId === null ? s.name : `${ctx.sections.byId.get(s.parentId)?.name ?? ''} › ${s.name}`,
          }))}
          authors={authors}
          timeZoneLabel={ctx.settings.timeZoneLabel}
          reviewNote={existing?.reviewNote ?? null}
          publicPath={existing?.status === 'published' && existing.firstPublishedAt && section
            ? articlePath(ctx, section, existing.firstPublishedAt, id!) : null}
          corrections={id === null ? [] : await correctionsFor(deps.db, id)}
          notice={opts.notice}
          conflict={opts.conflict}
          formatTime={(at) => formatDateline(at, ctx.settings.timeZone, ctx.settings.timeZoneLabel)}
        />
      ));
    };

    const parseId = (raw: string | undefined): number | null => parseRowId(raw);

    nr.get('/articles/new', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'article.create')) return reply;
      return renderEditor(req, reply, session, null, { status: 200 });
    });

    nr.get('/articles/:id', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      const id = parseId(req.params.id);
      if (id === null) return errorPage(req, reply, 404, 'No such article', 'That article does not exist.');
      return renderEditor(req, reply, session, id, { status: 200, ...(req.query.saved ? { notice: 'Saved.' } : {}) });
    });

    const save = async (req: Req, reply: FastifyReply, id: number | null) => {
      const values = formValuesOf(req.body);
      if (req.body?.removePhoto === 'on') values.photoMediaId = '';
      const session = req.newsroomSession;
      // The editor's autosave asks for JSON; people's form posts get pages.
      const json = String(req.headers.accept ?? '').startsWith('application/json');
      const jsonError = (status: number, code: string, message: string, fields?: Record<string, string>) =>
        reply.code(status).send({ error: { code, message, ...(fields ? { fields } : {}) } });
      if (!session && json) return jsonError(401, 'signed_out', 'You are signed out');
      if (!session) {
        // Signed out meanwhile: nothing is saved, nothing is lost; sign-in carries the text back.
        return send(reply, 401, <LoginPage chrome={chrome(req, reply)} errors={{}} values={{}}
          message="Your session ended while you were editing. Sign in again: your text will come back to the editor."
          resume={{ to: id === null ? '/newsroom/articles' : `/newsroom/articles/${id}`, data: JSON.stringify(values) }} />);
      }
      const ctx = deps.site.current().context;
      const existing: EditableArticle | null = id === null ? null : await loadEditable(deps.db, ctx, id);
      if (id !== null && !existing) return errorPage(req, reply, 404, 'No such article', 'That article does not exist.');
      // Uploads are stored as soon as they are good images, so a failed save elsewhere in the form loses neither.
      const upload = req.body?.photo;
      if (isUpload(upload) && upload.bytes.byteLength > 0) {
        try {
          values.photoMediaId = String(await storeUpload(upload));
        } catch (error) {
          if (!(error instanceof ImageRejected)) throw error;
          return renderEditor(req, reply, session, id, { values, errors: { photo: `The photo was not accepted: ${error.message}.` }, status: 400 });
        }
      }
      const bodyImage = req.body?.bodyImage;
      if (isUpload(bodyImage) && bodyImage.bytes.byteLength > 0) {
        const alt = String(req.body?.bodyImageAlt ?? '').trim();
        if (alt === '' || alt.length > 500) {
          return renderEditor(req, reply, session, id, { values, status: 400,
            errors: { bodyImageAlt: alt === '' ? 'Describe the image for readers who cannot see it, then choose the file again.' : 'Keep the alt text under 500 characters.' } });
        }
        try {
          const mediaId = await storeUpload(bodyImage);
          values.body = appendBodyImage(values.body, { mediaId, alt,
            caption: String(req.body?.bodyImageCaption ?? ''), credit: String(req.body?.bodyImageCredit ?? '') });
        } catch (error) {
          if (!(error instanceof ImageRejected)) throw error;
          return renderEditor(req, reply, session, id, { values, errors: { bodyImage: `The image was not accepted: ${error.message}.` }, status: 400 });
        }
      }
      try {
        const savedId = await saveFromNewsroom(deps.db, ctx, session.account, existing, req.body?.action, values, deps.clock());
        await deps.site.refresh();
        if (json) {
          const row = await deps.db.selectFrom('article').select('revision').where('id', '=', savedId).executeTakeFirstOrThrow();
          return reply.send({ id: savedId, revision: row.revision });
        }
        return reply.redirect(`/newsroom/articles/${savedId}?saved=1`, 303);
      } catch (error) {
        if (json) {
          if (error instanceof InvalidInput) return jsonError(400, 'invalid', 'Some fields need attention', error.fields);
          if (error instanceof WorkflowRefused) return jsonError(error.status, 'refused', error.message);
          if (error instanceof ArticleConflict) return jsonError(409, 'conflict', 'Someone else saved this article; press Save to merge their changes with yours');
          throw error;
        }
        if (error instanceof InvalidInput) return renderEditor(req, reply, session, id, { values, errors: error.fields, status: 400 });
        if (error instanceof WorkflowRefused) {
          return renderEditor(req, reply, session, id, { values, errors: { form: error.message }, status: error.status });
        }
        if (error instanceof ArticleConflict) {
          // The form comes back merged and carrying their revision: saving it is an informed choice, not a silent overwrite.
          const merged = await mergeAfterConflict(deps.db, ctx, error, values);
          return renderEditor(req, reply, session, id, { values: merged.values, status: 409, conflict: merged.view });
        }
        throw error;
      }
    };

    const storeUpload = async (upload: Upload): Promise<number> => {
      if (upload.tooLarge) throw new ImageRejected('the file is larger than 15 MB');
      return (await storeImage(deps.db, upload.bytes, deps.clock())).mediaId;
    };

    const LIBRARY_PAGE_SIZE = 24;
    /** The image library: a page for people (without JavaScript), JSON for the rich editor's Image dialog. */
    nr.get('/media', async (req: Req, reply) => {
      const json = String(req.headers.accept ?? '').startsWith('application/json');
      const session = req.newsroomSession;
      if (!session) {
        if (json) return reply.code(401).send({ error: { code: 'signed_out', message: 'You are signed out.' } });
        return signedIn(req, reply);
      }
      if (!can(session.account.role, 'article.create')) return errorPage(req, reply, 403, 'Not allowed', 'Your role cannot use images.');
      const page = parsePageNumber(req.query.page);
      if (page === 'invalid') {
        const bad = invalidPageNumber();
        return json ? reply.code(bad.status).send({ error: { code: bad.code, message: bad.message } }) : badPageNumber(req, reply);
      }
      const library = await imageLibraryPage(deps.db, page, LIBRARY_PAGE_SIZE);
      if (json) return reply.send({ images: library.images, hasOlder: library.hasOlder });
      return send(reply, 200, <MediaLibraryPage chrome={chrome(req, reply)} images={library.images} page={page} hasOlder={library.hasOlder}
        formatTime={(at) => formatDateline(at, tz().timeZone, tz().timeZoneLabel)} />);
    });

    /** The rich editor's image button: stores one image and answers with its id and a preview address. */
    nr.post('/media', async (req: Req, reply) => {
      const fail = (status: number, code: string, message: string) => reply.code(status).send({ error: { code, message } });
      const session = req.newsroomSession;
      if (!session) return fail(401, 'signed_out', 'You are signed out; sign in again in another tab, then retry.');
      if (!can(session.account.role, 'article.create')) return fail(403, 'forbidden', 'Your role cannot add images.');
      const file = req.body?.file;
      if (!isUpload(file) || file.bytes.byteLength === 0) return fail(400, 'no_file', 'Choose an image file.');
      try {
        const mediaId = await storeUpload(file);
        return reply.send({ id: mediaId, preview: (await previewUrls(deps.db, [mediaId])).get(mediaId) });
      } catch (error) {
        if (!(error instanceof ImageRejected)) throw error;
        return fail(file.tooLarge ? 413 : 400, 'image_rejected', `The image was not accepted: ${error.message}.`);
      }
    });

    nr.post('/articles', async (req: Req, reply) => save(req, reply, null));
    nr.post('/articles/:id', async (req: Req, reply) => {
      const id = parseId(req.params.id);
      if (id === null) return errorPage(req, reply, 404, 'No such article', 'That article does not exist.');
      return save(req, reply, id);
    });

    nr.get('/articles/:id/revisions', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      const id = parseId(req.params.id);
      const ctx = deps.site.current().context;
      const existing = id === null ? null : await loadEditable(deps.db, ctx, id);
      if (!existing) return errorPage(req, reply, 404, 'No such article', 'That article does not exist.');
      if (session.account.role === 'contributor' && existing.createdBy !== session.account.id) {
        return errorPage(req, reply, 403, 'Not allowed', 'Contributors can open only their own articles.');
      }
      const revisions = await listRevisions(deps.db, ctx, id!);
      const pick = (raw: unknown) => (typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : null);
      const a = pick(req.query.a);
      const b = pick(req.query.b);
      let compare = null;
      if (a !== null && b !== null) {
        const ra = revisions.find((r) => r.revision === a);
        const rb = revisions.find((r) => r.revision === b);
        if (!ra || !rb) return errorPage(req, reply, 404, 'No such revision', 'Choose two revisions from the list.');
        const names = ['headline', 'standfirst', 'body', 'section', 'tags'] as const;
        compare = { a, b, fields: names.filter((n) => ra.content[n] !== rb.content[n]).map((n) => ({ name: n, lines: diffLines(ra.content[n], rb.content[n]) })) };
      }
      const s = ctx.settings;
      return send(reply, 200, (
        <RevisionsPage chrome={chrome(req, reply)} articleId={id!} headline={existing.values.headline}
          revisions={revisions.map((r) => ({ revision: r.revision, when: formatDateline(r.savedAt, s.timeZone, s.timeZoneLabel), savedBy: r.savedBy, status: r.input.status }))}
          compare={compare}
          canRestore={decide(session.account.role, 'save', { status: existing.status, ownedByActor: existing.createdBy === session.account.id }).ok} />
      ));
    });

    nr.post('/articles/:id/revisions/:revision/restore', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session) return reply;
      const id = parseId(req.params.id);
      const revision = parseId(req.params.revision);
      const existing = id === null ? null : await loadEditable(deps.db, deps.site.current().context, id);
      if (!existing || revision === null) return errorPage(req, reply, 404, 'No such revision', 'That revision does not exist.');
      if (!decide(session.account.role, 'save', { status: existing.status, ownedByActor: existing.createdBy === session.account.id }).ok) {
        return errorPage(req, reply, 403, 'Not allowed', 'You cannot edit this article.');
      }
      if (!(await restoreRevision(deps.db, id!, revision, session.account.id, deps.clock()))) {
        return errorPage(req, reply, 404, 'No such revision', 'That revision does not exist.');
      }
      await deps.site.refresh();
      return reply.redirect(`/newsroom/articles/${id}?saved=1`, 303);
    });

    nr.post('/articles/:id/corrections', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'article.correct')) return reply;
      const id = parseId(req.params.id);
      const existing = id === null ? null : await loadEditable(deps.db, deps.site.current().context, id);
      if (!existing || existing.status !== 'published') return errorPage(req, reply, 404, 'No such article', 'Corrections go on published articles.');
      try {
        await addCorrection(deps.db, id!, { kind: req.body?.kind, text: req.body?.text }, session.account.id, deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderEditor(req, reply, session, id, { errors: error.fields, status: 400 });
      }
      await deps.site.refresh();
      return reply.redirect(`/newsroom/articles/${id}?saved=1`, 303);
    });
    // ---- curation ----
    const curationCandidates = async (sectionId: number | null) => {
      const ctx = deps.site.current().context;
      const now = deps.clock().getTime();
      const section = sectionId === null ? null : ctx.sections.byId.get(sectionId)!;
      const ids = section ? [section.id, ...(ctx.sections.children.get(section.id) ?? []).map((c) => c.id)] : null;
      let q = deps.db.selectFrom('article').select(['id', 'headline', 'published_at'])
        .where('status', '=', 'published').where('published_at', '<=', now).orderBy('published_at', 'desc').limit(40);
      if (ids) q = q.where('section_id', 'in', ids);
      const latest = await q.execute();
      const current = sectionId === null
        ? await deps.db.selectFrom('home_top').select(['article_id', 'position']).orderBy('position').execute()
        : await deps.db.selectFrom('section_pin').select(['article_id', 'position']).where('section_id', '=', sectionId).orderBy('position').execute();
      const extra = current.filter((c) => !latest.some((l) => l.id === c.article_id)).map((c) => c.article_id);
      const pinnedRows = extra.length
        ? await deps.db.selectFrom('article').select(['id', 'headline', 'published_at']).where('id', 'in', extra).execute() : [];
      const positions = new Map(current.map((c, i) => [c.article_id, i + 1]));
      return [...pinnedRows, ...latest].map((r) => ({
        id: r.id, headline: r.headline, position: positions.get(r.id) ?? null,
        when: r.published_at ? formatDateline(new Date(r.published_at), tz().timeZone, tz().timeZoneLabel) : '',
      })).sort((a, b) => (a.position ?? 999) - (b.position ?? 999));
    };

    const curationScope = (raw: unknown) => {
      const ctx = deps.site.current().context;
      if (raw === undefined || raw === 'home') return { ok: true as const, section: null };
      const section = typeof raw === 'string' ? ctx.sections.bySlug.get(raw) : undefined;
      return section && section.parentId === null ? { ok: true as const, section } : { ok: false as const };
    };

    nr.get('/curation', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'curation.edit')) return reply;
      const scope = curationScope(req.query.section);
      if (!scope.ok) return errorPage(req, reply, 404, 'No such section', 'Choose a section from the list.');
      return send(reply, 200, <CurationPage chrome={chrome(req, reply)} section={scope.section} sections={deps.site.current().context.sections.top}
        candidates={await curationCandidates(scope.section?.id ?? null)} saved={req.query.saved === '1'} />);
    });

    nr.post('/curation', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'curation.edit')) return reply;
      const scope = curationScope(req.body?.scope);
      if (!scope.ok) return errorPage(req, reply, 404, 'No such section', 'Choose a section from the list.');
      const candidates = await curationCandidates(scope.section?.id ?? null);
      try {
        const order = orderFromForm(req.body ?? {}, new Set(candidates.map((c) => c.id)));
        await saveCuration(deps.db, scope.section?.id ?? null, order);
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return send(reply, 400, <CurationPage chrome={chrome(req, reply)} section={scope.section} sections={deps.site.current().context.sections.top}
          candidates={candidates} error={error.fields.form} />);
      }
      await deps.site.refresh();
      return reply.redirect(`/newsroom/curation?${scope.section ? `section=${scope.section.slug}&` : ''}saved=1`, 303);
    });

    // ---- users (admin) ----
    const renderUsers = async (req: Req, reply: FastifyReply, status: number, extra: { errors?: Record<string, string>; values?: Record<string, string>; notice?: string } = {}) => {
      const users = await deps.db.selectFrom('user_account').select(['id', 'name', 'email', 'role', 'disabled']).orderBy('name').execute();
      return send(reply, status, <UsersPage chrome={chrome(req, reply)} errors={extra.errors ?? {}} values={extra.values ?? {}} notice={extra.notice}
        users={users.map((u) => ({ ...u, role: isRole(u.role) ? u.role : 'contributor', disabled: u.disabled === 1 }))} />);
    };

    nr.get('/users', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'users.manage')) return reply;
      return renderUsers(req, reply, 200, req.query.saved === '1' ? { notice: 'Saved.' } : {});
    });

    nr.post('/users', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'users.manage')) return reply;
      const values = { name: String(req.body?.name ?? ''), email: String(req.body?.email ?? ''), role: String(req.body?.role ?? '') };
      try {
        await createAccount(deps.db, { ...values, password: String(req.body?.password ?? '') }, deps.clock());
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        return renderUsers(req, reply, 400, { errors: error.fields, values });
      }
      return reply.redirect('/newsroom/users?saved=1', 303);
    });

    nr.post('/users/:id', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'users.manage')) return reply;
      const id = parseId(req.params.id);
      const user = id === null ? undefined : await deps.db.selectFrom('user_account').select(['id']).where('id', '=', id).executeTakeFirst();
      if (!user) return errorPage(req, reply, 404, 'No such user', 'That account does not exist.');
      const change = req.body?.change;
      if (id === session.account.id && (change === 'disable' || change === 'enable')) {
        return renderUsers(req, reply, 400, { notice: 'You cannot disable your own account.' });
      }
      if (change === 'role') {
        if (!isRole(req.body?.role)) return renderUsers(req, reply, 400, { notice: 'Choose contributor, editor or admin.' });
        if (id === session.account.id && req.body.role !== 'admin') return renderUsers(req, reply, 400, { notice: 'You cannot remove your own admin role.' });
        await deps.db.updateTable('user_account').set({ role: req.body.role }).where('id', '=', id!).execute();
      } else if (change === 'password') {
        if (id === session.account.id) return renderUsers(req, reply, 400, { notice: 'Change your own password on your account page.' });
        try {
          await setPassword(deps.db, id!, String(req.body?.password ?? ''));
        } catch (error) {
          if (!(error instanceof InvalidInput)) throw error;
          return renderUsers(req, reply, 400, { notice: `The password was not set: ${error.fields.password}` });
        }
        return renderUsers(req, reply, 200, { notice: 'Password set; that person\'s sessions were signed out. Tell them the new password in person.' });
      } else if (change === 'disable' || change === 'enable') {
        await deps.db.updateTable('user_account').set({ disabled: change === 'disable' ? 1 : 0 }).where('id', '=', id!).execute();
        if (change === 'disable') await endAllSessions(deps.db, id!);
      } else {
        return renderUsers(req, reply, 400, { notice: 'Choose what to change.' });
      }
      return reply.redirect('/newsroom/users?saved=1', 303);
    });
    // ---- site settings and sections (admin) ----
    const settingsValues = (): Record<string, string> => ({ ...deps.site.current().context.settings });

    nr.get('/settings', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'settings.manage')) return reply;
      return send(reply, 200, <SettingsPage chrome={chrome(req, reply)} values={settingsValues()} errors={{}} saved={req.query.saved === '1'} />);
    });

    nr.post('/settings', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'settings.manage')) return reply;
      try {
        await saveSiteSettings(deps.db, req.body ?? {});
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const values = Object.fromEntries(Object.entries(req.body ?? {}).map(([k, v]) => [k, String(v)]));
        return send(reply, 400, <SettingsPage chrome={chrome(req, reply)} values={values} errors={error.fields} />);
      }
      await deps.site.refresh();
      return reply.redirect('/newsroom/settings?saved=1', 303);
    });

    const sectionRows = () => {
      const tree = deps.site.current().context.sections;
      return tree.all.map((section) => ({ section, parent: section.parentId === null ? null : (tree.byId.get(section.parentId) ?? null) }));
    };

    nr.get('/sections', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'sections.manage')) return reply;
      return send(reply, 200, <SectionsPage chrome={chrome(req, reply)} sections={sectionRows()} values={{}} errors={{}} saved={req.query.saved === '1'} />);
    });

    nr.post('/sections', async (req: Req, reply) => {
      const session = signedIn(req, reply);
      if (!session || !allowed(req, reply, session, 'sections.manage')) return reply;
      try {
        await saveSection(deps.db, req.body ?? {});
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const values = Object.fromEntries(Object.entries(req.body ?? {}).map(([k, v]) => [k, String(v)]));
        return send(reply, 400, <SectionsPage chrome={chrome(req, reply)} sections={sectionRows()} values={values} errors={error.fields} />);
      }
      await deps.site.refresh();
      return reply.redirect('/newsroom/sections?saved=1', 303);
    });
  }, { prefix: '/newsroom' });
};
