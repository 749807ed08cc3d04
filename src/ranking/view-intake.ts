import { checkTokenAge, checkViewToken } from '../domain/view-token.js';
import type { ArticleDirectory } from './article-directory.js';
import { createRecentMap } from './recent-map.js';
import { createViewScreen, type ViewBeacon, type ViewRejection } from './view-request.js';
import type { ViewTracker } from './view-tracker.js';
import { dayOf, viewCandidateOf } from './visitor-key.js';

/**
 * What POST /api/views does with a beacon once it is read, in one place for both ways a beacon comes in: the
 * Fastify route (views-route.ts) and the fast path in front of Fastify (fast-beacons.ts). Whatever either path
 * answers, the counting rules are these, so they cannot drift apart.
 */
export interface ViewIntake {
  /** The checks that need only the headers (screenViewRequest): null when the beacon may count. */
  screen(headers: Record<string, string | string[] | undefined>): ViewRejection | null;
  /**
   * Queues the view when the token is genuine and fresh and the article is published. Nothing is told to the
   * client either way. Returns undefined when everything it needed was in memory (the usual case), else a
   * promise: an article the directory does not hold yet, or the day's first salt.
   */
  take(beacon: ViewBeacon, ip: string, userAgent: string): Promise<void> | undefined;
}

/**
 * Genuine tokens remembered, with their article and minute. A token is the same for every reader of a page for
 * a minute, so a busy site sees the same few thousand again and again; checking one is an HMAC and two Buffers
 * (7% of the server's busy CPU in the bench's profile before this). Only tokens whose MAC was right are kept: a
 * forged one costs its sender the HMAC every time, as before, and cannot push genuine ones out faster than genuine
 * traffic brings them back.
 */
const TOKENS_KEPT = 10_000;

export const createViewIntake = (deps: {
  tracker: ViewTracker;
  directory: ArticleDirectory;
  tokenKey: Buffer;
  /** Milliseconds since the epoch, as the rest of view counting reads time. */
  clock: () => number;
}): ViewIntake => {
  const { tracker, directory, tokenKey, clock } = deps;
  const genuine = createRecentMap<string, { articleId: number; minute: number }>(TOKENS_KEPT);

  const tokenIsGood = (articleId: number, token: string, nowMs: number): boolean => {
    const known = genuine.get(token);
    if (known !== undefined && known.articleId === articleId) return checkTokenAge(known.minute, nowMs) === 'valid';
    if (checkViewToken(tokenKey, articleId, token, nowMs) !== 'valid') return false;
    genuine.set(token, { articleId, minute: parseInt(token.slice(0, token.indexOf('.')), 36) });
    return true;
  };

  const record = (beacon: ViewBeacon, second: number, salt: Buffer, ip: string, userAgent: string) => {
    tracker.record(viewCandidateOf(salt, ip, userAgent, beacon.a, second));
  };

  /** The same steps, waiting for what is not in memory: the directory's lookup, then the salt. */
  const takeWaiting = async (beacon: ViewBeacon, nowMs: number, ip: string, userAgent: string) => {
    if (!(await directory.lookup(beacon.a, nowMs))) return;
    const second = Math.floor(nowMs / 1000);
    const salt = await tracker.saltFor(dayOf(second));
    record(beacon, second, salt, ip, userAgent);
  };

  return {
    screen: createViewScreen(),
    take(beacon, ip, userAgent) {
      const nowMs = clock();
      if (!tokenIsGood(beacon.a, beacon.t, nowMs)) return undefined;
      const second = Math.floor(nowMs / 1000);
      const salt = tracker.knownSalt(dayOf(second));
      if (salt === undefined || directory.visible(beacon.a, nowMs) === undefined) {
        return takeWaiting(beacon, nowMs, ip, userAgent);
      }
      record(beacon, second, salt, ip, userAgent);
      return undefined;
    },
  };
};
