import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDateline } from '../../domain/dateline.js';
import type { Session } from '../../services/accounts.js';
import type { EditableArticle } from '../../services/newsroom-articles.js';
import type { NewsroomChrome } from '../../views/newsroom/NewsroomLayout.js';
import { renderDocument } from '../../views/render.js';
import { newsroomCookie, readCookie } from './cookies.js';
import type { Access } from './guards.js';
import type { NewsroomDeps } from './newsroom-deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is signed in, looked up once per request before anything else runs. */
    newsroomSession: Session | null;
    /** The `:id` article, loaded by the guard of routes that declare `access.article`. */
    editable: EditableArticle | null;
  }
  interface FastifyContextConfig {
    /** What a newsroom route needs; see guards.ts. Every newsroom route declares it. */
    access?: Access;
    /** The route is for scripts only: its refusals are JSON whatever the request accepts. */
    jsonOnly?: true;
  }
}

export const SESSION_COOKIE = 'dl_session';
export const FORM_COOKIE = 'dl_form';
const FORM_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export const isSecure = (req: FastifyRequest): boolean => req.protocol === 'https';

/** The autosave and the image dialog ask for JSON; people's form posts and links get pages. */
export const wantsJson = (req: FastifyRequest): boolean =>
  req.routeOptions.config.jsonOnly === true || String(req.headers.accept ?? '').startsWith('application/json');

/** The signed-in session; the route's guard has already refused anyone signed out. */
export const sessionOf = (req: FastifyRequest): Session => {
  if (!req.newsroomSession) throw new Error('a signed-in route ran without a session: its access guard is missing');
  return req.newsroomSession;
};

/** The `:id` article the guard loaded. */
export const editableOf = (req: FastifyRequest): EditableArticle => {
  if (!req.editable) throw new Error('an article route ran without its article: declare access.article');
  return req.editable;
};

/** Forms before sign-in carry a token matching a cookie (double submit); after, the session's token. */
export const formToken = (req: FastifyRequest, reply: FastifyReply): string => {
  if (req.newsroomSession) return req.newsroomSession.csrfToken;
  let token = readCookie(req.headers.cookie, FORM_COOKIE);
  if (!token || !FORM_TOKEN.test(token)) {
    token = randomBytes(24).toString('base64url');
    const cookie = newsroomCookie(FORM_COOKIE, token, {
      maxAgeSeconds: 86_400,
      secure: isSecure(req),
      sameSite: 'Strict',
    });
    reply.header('set-cookie', cookie);
  }
  return token;
};

/** The token a form or a script sent with a POST. */
export const sentFormToken = (req: FastifyRequest): string => {
  const body: unknown = req.body;
  const field = typeof body === 'object' && body !== null && '_csrf' in body ? body._csrf : undefined;
  return typeof field === 'string' ? field : String(req.headers['x-csrf-token'] ?? '');
};

/** The token a POST must carry: the session's, or before sign-in the form cookie's. */
export const expectedFormToken = (req: FastifyRequest): string =>
  req.newsroomSession?.csrfToken ?? readCookie(req.headers.cookie, FORM_COOKIE) ?? '';

export const chromeOf = (deps: NewsroomDeps, req: FastifyRequest, reply: FastifyReply): NewsroomChrome => {
  const { publicationName, timeZone, timeZoneLabel } = deps.site.current().context.settings;
  return {
    publicationName,
    cssHref: deps.assets.href('newsroom.css'),
    account: req.newsroomSession?.account ?? null,
    csrfToken: formToken(req, reply),
    siteZone: { timeZone, label: timeZoneLabel },
  };
};

export const sendPage = (reply: FastifyReply, status: number, page: Parameters<typeof renderDocument>[0]) =>
  reply.code(status).type('text/html; charset=utf-8').send(renderDocument(page));

/** Times in the newsroom read as datelines in the site's zone. */
export const siteTimeFormat = (deps: NewsroomDeps): ((at: Date) => string) => {
  const { timeZone, timeZoneLabel } = deps.site.current().context.settings;
  return (at) => formatDateline(at, timeZone, timeZoneLabel);
};
