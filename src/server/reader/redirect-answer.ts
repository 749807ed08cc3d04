import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { requestKeys } from '../../services/redirects-path.js';
import { redirectTargetOfKey } from '../../services/redirects.js';
import type { Db } from '../../storage/database.js';
import { pageNotFound } from '../errors.js';
import type { SiteState } from '../site-state.js';

export interface RedirectAnswerDeps {
  db: Db;
  site: Pick<SiteState, 'current'>;
}

/** As the reader's other redirects: a CDN may keep it an hour. */
const REDIRECT_CACHE_CONTROL = 'public, max-age=3600';
/** Answers remembered per content version; past this the memory starts again (random addresses cannot grow it). */
const MEMO_LIMIT = 10_000;
/** Addresses that are never a reader page's: their 404s stay 404s. */
const NOT_READER = /^\/(?:newsroom(?:[/?]|$)|api\/|ghost\/api\/|static\/|media\/|plugins\/)/;

/**
 * Old addresses answered with a 301 (issue 17; docs/architecture/0023-redirects.md, "Reader"). A redirect never
 * hides a live page: it is looked for only where the site would answer 404 (`answerNotFound`, from the app's
 * not-found and error handlers), and, before routing, for a home page address with a query (`answerHomeQuery`):
 * WordPress's "/?p=123" reaches the home page, which ignores its query; a post number no redirect knows is a 404.
 *
 * Each lookup is one read by primary key, remembered (found or not) until the content version moves, which every
 * change to the table makes (services/redirects.ts): an old address asked for again and again is answered from
 * memory, and a change reaches every process with its next poll of the version (site-state.ts).
 */
export const createRedirectAnswers = (deps: RedirectAnswerDeps) => {
  const memo = new Map<string, string | null>();
  let memoVersion = -1;

  const targetOf = async (key: string): Promise<string | null> => {
    const version = deps.site.current().version;
    if (version !== memoVersion) {
      memo.clear();
      memoVersion = version;
    }
    const known = memo.get(key);
    if (known !== undefined) return known;
    const target = await redirectTargetOfKey(deps.db, key);
    // A read that began before the version moved may be stale: answered, not remembered.
    if (deps.site.current().version === memoVersion) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, target);
    }
    return target;
  };

  const send = (reply: FastifyReply, target: string) =>
    reply
      .code(301)
      .header('cache-control', REDIRECT_CACHE_CONTROL)
      .header('location', deps.site.current().context.settings.baseUrl + target)
      .type('text/plain')
      .send('');

  /** The key of a home page's address with a query, or null when the address is no home page or no query is left. */
  const homeQueryKey = (url: string, mark: number): string | null => {
    const { rest } = deps.site.current().context.findEdition(url.slice(0, mark));
    return rest === '' || rest === '/' ? requestKeys(url).withQuery : null;
  };

  /** Whether a home page's query names a WordPress post or page by number (`?p=123`, `?page_id=7`). */
  const namesWordpressItem = (query: string): boolean => {
    const params = new URLSearchParams(query);
    return ['p', 'page_id'].some((name) => /^\d{1,12}$/.test(params.get(name) ?? ''));
  };

  const readable = (req: FastifyRequest): boolean =>
    (req.method === 'GET' || req.method === 'HEAD') && !NOT_READER.test(req.originalUrl);

  return {
    /** A 404 about to be sent: true when a redirect answered instead. The address with its query first. */
    async answerNotFound(req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
      if (!readable(req)) return false;
      const keys = requestKeys(req.originalUrl);
      try {
        for (const key of [keys.withQuery, keys.path]) {
          const target = key === null ? null : await targetOf(key);
          if (target !== null) {
            send(reply, target);
            return true;
          }
        }
      } catch {
        // The database did not answer: the 404 page is still true of the address, and better than an error's.
      }
      return false;
    },

    /**
     * onRequest: a home page address ("/", an edition's "/el/") with a query that names an old address. Callback
     * style: every other request (nearly all) passes on at once, without a promise per request.
     */
    answerHomeQuery(req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
      const url = req.originalUrl;
      const mark = url.indexOf('?');
      const key = mark < 0 || !readable(req) ? null : homeQueryKey(url, mark);
      if (key === null) return done();
      targetOf(key).then(
        // Answered here: the rest of the request's way (routing, the home page) is not taken.
        (target) => {
          if (target !== null) send(reply, target);
          // A WordPress post or page number no redirect knows: that post is not here, and the home page would be a
          // "soft 404" (search engines would keep the old address as a copy of the home page).
          else if (namesWordpressItem(url.slice(mark + 1))) done(pageNotFound());
          else done();
        },
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
  };
};

export type RedirectAnswers = ReturnType<typeof createRedirectAnswers>;
