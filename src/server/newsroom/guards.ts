import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseRowId } from '../../domain/ids.js';
import { can, type Action } from '../../domain/permissions.js';
import { decide } from '../../domain/workflow.js';
import { countAccounts, findSession, type Session } from '../../services/accounts.js';
import { NotAllowed, NotFound } from '../../services/errors.js';
import { loadEditable, type EditableArticle } from '../../services/newsroom-articles.js';
import { readCookie } from './cookies.js';
import type { NewsroomDeps } from './newsroom-deps.js';
import { SESSION_COOKIE } from './request-context.js';
import { refuseSignedOut } from './signed-out.js';

/**
 * What a newsroom route needs, declared in its options (`config: { access }`) and checked in one onRequest
 * hook, before any body is read: a refused upload is never buffered.
 * - `public`: anyone (set-up, sign-in, sign-out).
 * - otherwise signed in, and `may`: the role must allow this action;
 * - `article: 'open'`: the `:id` article exists and this person may open it (contributors: their own);
 *   `'edit'`: and may save it in its current state (the workflow decides);
 * - `resume`: a signed-out POST keeps what was typed and gives it back after sign-in (the editor's saves);
 * - `firstRun`: signed out is let through while no account exists (the desk offers to set up the owner).
 */
export type Access = { public: true } | { may?: Action; article?: 'open' | 'edit'; resume?: true; firstRun?: true };

export const PUBLIC: Access = { public: true };
export const SIGNED_IN: Access = {};

const notFound = () => new NotFound('article', 'That article does not exist.');

export const sameSiteRefusal = (req: FastifyRequest): boolean => {
  // Browsers say where a request came from; a missing header (older browsers, scripts) falls to the form token.
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
};

/**
 * The article `id` as this person may see it: it exists, a contributor owns it, and for 'edit' the workflow
 * lets them save it in its current state. Throws NotFound or NotAllowed otherwise.
 */
export const openArticle = async (
  deps: NewsroomDeps,
  session: Session,
  id: number | null,
  mode: 'open' | 'edit',
): Promise<EditableArticle> => {
  const existing = id === null ? null : await loadEditable(deps.db, deps.site.current().context, id);
  if (!existing) throw notFound();
  const own = existing.createdBy === session.account.id;
  if (session.account.role === 'contributor' && !own) {
    throw new NotAllowed('Contributors can open only their own articles.');
  }
  if (mode === 'edit' && !decide(session.account.role, 'save', { status: existing.status, ownedByActor: own }).ok) {
    throw new NotAllowed('You cannot edit this article.');
  }
  return existing;
};

/** The newsroom's onRequest hook: who is asking, from where, and may they. Runs before any body parser. */
export const guardNewsroomRequest =
  (deps: NewsroomDeps) =>
  async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    reply.header('cache-control', 'no-store');
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    req.newsroomSession = token ? await findSession(deps.db, token, deps.clock()) : null;
    if (req.method === 'POST' && sameSiteRefusal(req)) throw new NotAllowed('That request came from another site.');
    const access = req.routeOptions.config.access;
    // A route that forgot to declare its access is closed, not open.
    if (access === undefined) throw new NotAllowed('This address takes no requests.');
    if ('public' in access) return undefined;
    const session = req.newsroomSession;
    if (!session) {
      if (access.firstRun && (await countAccounts(deps.db)) === 0) return undefined;
      return refuseSignedOut(deps, req, reply, access.resume === true);
    }
    if (access.may && !can(session.account.role, access.may)) {
      throw new NotAllowed(`Your role (${session.account.role}) cannot do that.`);
    }
    if (access.article) {
      // The route's schema runs later; here the raw `:id` is read with the same rule.
      const params: unknown = req.params;
      const id = parseRowId(typeof params === 'object' && params !== null && 'id' in params ? params.id : undefined);
      req.editable = await openArticle(deps, session, id, access.article);
    }
    return undefined;
  };
