import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseRowId } from '../../domain/ids.js';
import {
  changeOwnPassword,
  countAccounts,
  createOwner,
  endAllSessions,
  endSession,
  findSession,
  SESSION_SECONDS,
  signIn,
  startSession,
} from '../../services/accounts.js';
import { InvalidInput } from '../../services/errors.js';
import { listensBeyondLoopback, setupCodeMatches } from '../../services/first-run.js';
import { waitMessage } from '../../services/sign-in-throttle.js';
import { emptyForm, formValuesOf } from '../../services/article-form.js';
import { AccountPage, LoginPage, SetupPage, type SetupCodeField } from '../../views/newsroom/AuthPages.js';
import { formBody, FormText, SavedQuery, typed } from '../route-schemas.js';
import { newsroomCookie, readCookie } from './cookies.js';
import { PUBLIC, SIGNED_IN } from './guards.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { renderEditor } from './render-editor.js';
import { chromeOf, isSecure, SESSION_COOKIE, sendPage, sessionOf } from './request-context.js';

const SetupForm = formBody({ name: FormText, email: FormText, password: FormText, code: FormText });
const MISSING_CODE =
  'This server can be reached from other machines, so creating the owner needs the setup code printed in its log at start-up (or run `dateline user add --role owner` on the server).';
const WRONG_CODE =
  'That setup code is not right, or was used already. Copy the link from the server log of its latest start, or run `dateline user add --role owner` on the server.';
const LoginForm = formBody({ email: FormText, password: FormText, resume_to: FormText, resume_data: FormText });
const AccountForm = formBody({ current: FormText, password: FormText, confirm: FormText });
/** Where a resumed edit goes back to: the new-article form or one article's editor. */
const RESUMABLE = /^\/newsroom\/articles(?:\/(\d+))?$/;

/** Text typed before the session ended, as the login form carried it back; unreadable text gives an empty form. */
const resumedValues = (data: string) => {
  try {
    return formValuesOf(JSON.parse(data));
  } catch {
    return emptyForm();
  }
};

/** Set-up of the owner, sign-in and sign-out, and a person's own account. */
export const registerAuthRoutes = (scope: FastifyInstance, deps: NewsroomDeps): void => {
  const app = typed(scope);
  const endCookie = (req: FastifyRequest) =>
    newsroomCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: isSecure(req), sameSite: 'Lax' });

  const startSignedIn = async (req: FastifyRequest, reply: FastifyReply, accountId: number) => {
    const { token } = await startSession(deps.db, accountId, deps.clock());
    const cookie = { maxAgeSeconds: SESSION_SECONDS, secure: isSecure(req), sameSite: 'Lax' as const };
    reply.header('set-cookie', newsroomCookie(SESSION_COOKIE, token, cookie));
    req.newsroomSession = await findSession(deps.db, token, deps.clock());
  };

  /** The code field a server reachable from other machines asks for, or null on this machine only. */
  const codeField = (value: string, fromLink: boolean): SetupCodeField | null =>
    listensBeyondLoopback(deps.listenAddress()) ? { value, fromLink } : null;

  app.get(
    '/setup',
    { config: { access: PUBLIC }, schema: { querystring: z.object({ code: z.string().optional() }) } },
    async (req, reply) => {
      if ((await countAccounts(deps.db)) > 0) return reply.redirect('/newsroom/login', 303);
      const code = codeField(req.query.code ?? '', req.query.code !== undefined);
      return sendPage(
        reply,
        200,
        <SetupPage chrome={chromeOf(deps, req, reply)} errors={{}} values={{}} code={code} />,
      );
    },
  );

  app.post('/setup', { config: { access: PUBLIC }, schema: { body: SetupForm } }, async (req, reply) => {
    const { name, email, password, code } = req.body;
    const field = codeField(code, true);
    const page = (status: number, errors: Record<string, string>) =>
      sendPage(
        reply,
        status,
        <SetupPage chrome={chromeOf(deps, req, reply)} errors={errors} values={{ name, email }} code={field} />,
      );
    // A stranger who finds a fresh public server first must not become its owner: the log's code proves access.
    if (field && !(await setupCodeMatches(deps.db, code))) {
      return page(403, { code: code === '' ? MISSING_CODE : WRONG_CODE });
    }
    try {
      const account = await createOwner(deps.db, { name, email, password }, deps.clock());
      await startSignedIn(req, reply, account.id);
      return reply.redirect('/newsroom', 303);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return page(400, error.fields);
    }
  });

  app.get(
    '/login',
    { config: { access: PUBLIC }, schema: { querystring: z.object({ next: z.string().optional() }) } },
    async (req, reply) => {
      if (req.newsroomSession) return reply.redirect('/newsroom', 303);
      return sendPage(reply, 200, <LoginPage chrome={chromeOf(deps, req, reply)} errors={{}} values={{}} />);
    },
  );

  app.post('/login', { config: { access: PUBLIC }, schema: { body: LoginForm } }, async (req, reply) => {
    const { email, password, resume_to: resumeTo, resume_data: resumeData } = req.body;
    const result = await signIn(deps.db, email, password, req.ip, deps.clock());
    if (!result.ok) {
      const throttled = result.reason === 'throttled';
      // The wait is the answer's Retry-After too, for scripts and for people reading the message alike.
      if (throttled) reply.header('retry-after', String(result.wait.seconds));
      const message = throttled ? waitMessage(result.wait) : 'That email and password do not match an account.';
      const resume = resumeTo ? { to: resumeTo, data: resumeData } : null;
      return sendPage(
        reply,
        throttled ? 429 : 401,
        <LoginPage chrome={chromeOf(deps, req, reply)} errors={{ form: message }} values={{ email }} resume={resume} />,
      );
    }
    await startSignedIn(req, reply, result.account.id);
    const resume = RESUMABLE.exec(resumeTo);
    const resumeId = resume?.[1] === undefined ? null : parseRowId(resume[1]);
    if (!resume || (resume[1] !== undefined && resumeId === null)) return reply.redirect('/newsroom', 303);
    const notice = 'You were signed out while editing. Your text is below, unchanged: check it and save.';
    return renderEditor(deps, req, reply, resumeId, { values: resumedValues(resumeData), status: 200, notice });
  });

  app.post('/logout', { config: { access: PUBLIC }, schema: { body: formBody({}) } }, async (req, reply) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) await endSession(deps.db, token);
    reply.header('set-cookie', endCookie(req));
    return reply.redirect('/newsroom/login', 303);
  });

  app.post(
    '/logout-everywhere',
    { config: { access: SIGNED_IN }, schema: { body: formBody({}) } },
    async (req, reply) => {
      await endAllSessions(deps.db, sessionOf(req).account.id);
      reply.header('set-cookie', endCookie(req));
      return reply.redirect('/newsroom/login', 303);
    },
  );

  app.get('/account', { config: { access: SIGNED_IN }, schema: { querystring: SavedQuery } }, async (req, reply) => {
    const chrome = chromeOf(deps, req, reply);
    return sendPage(reply, 200, <AccountPage chrome={chrome} errors={{}} saved={req.query.saved === '1'} />);
  });

  app.post('/account', { config: { access: SIGNED_IN }, schema: { body: AccountForm } }, async (req, reply) => {
    const { account } = sessionOf(req);
    const token = readCookie(req.headers.cookie, SESSION_COOKIE) ?? '';
    try {
      await changeOwnPassword(deps.db, { account, token, ip: req.ip }, req.body, deps.clock());
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      return sendPage(reply, 400, <AccountPage chrome={chromeOf(deps, req, reply)} errors={error.fields} />);
    }
    return reply.redirect('/newsroom/account?saved=1', 303);
  });
};
