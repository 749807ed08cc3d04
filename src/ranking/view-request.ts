import { createIsbotFromList, list as botPatterns } from 'isbot';
import { createRecentMap } from './recent-map.js';

/** Why a beacon was not counted; useful in tests and debug logs, never told to the client. */
export type ViewRejection = 'bot' | 'prefetch' | 'cross-site' | 'malformed';

/** What view-beacon.js sends: the article id and the token its page carried (domain/view-token.ts). */
export interface ViewBeacon {
  a: number;
  t: string;
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * isbot's list, less its bare "news" pattern: news apps' in-app browsers (SmartNews, NewsBreak…) carry the
 * word and are exactly the readers a newspaper wants to count; news crawlers also say bot, crawler or spider.
 */
const isbot = createIsbotFromList(botPatterns.filter((p) => !/^\(\?:\^\|\[\^g\]\)news/.test(p)));

const hostOf = (origin: string): string | null => {
  try {
    const url = new URL(origin);
    return url.host;
  } catch {
    return null;
  }
};

/** Host as the reader's browser saw it: a trusted proxy's X-Forwarded-Host, else Host, default ports dropped. */
const sameHost = (a: string, b: string): boolean => a.replace(/:(80|443)$/, '') === b.replace(/:(80|443)$/, '');
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * The checks that need only the request: crawlers (by user agent), speculative loads (prefetch and
 * prerender announce themselves in headers) and beacons sent from another site (the browser's
 * Sec-Fetch-Site, else the Origin against our Host).
 */
export const screenViewRequest = (headers: Headers): ViewRejection | null => screenWith(headers, isbot);

const screenWith = (headers: Headers, isBot: (ua: string) => boolean): ViewRejection | null => {
  const ua = one(headers['user-agent']);
  if (!ua || isBot(ua)) return 'bot';
  const purpose = `${one(headers['sec-purpose']) ?? ''} ${one(headers.purpose) ?? ''} ${one(headers['x-moz']) ?? ''} ${one(headers['x-purpose']) ?? ''}`;
  if (/prefetch|prerender|preview/i.test(purpose)) return 'prefetch';
  // Browsers that send Sec-Fetch-Site say it plainly, whatever a proxy did to the Host header.
  const site = one(headers['sec-fetch-site']);
  if (site !== undefined) return site === 'same-origin' ? null : 'cross-site';
  // Older browsers: compare the Origin with the host the request was addressed to.
  const origin = one(headers.origin);
  if (origin === undefined) return null;
  const originHost = hostOf(origin);
  const hosts = [one(headers['x-forwarded-host']), one(headers.host)].filter((h): h is string => h !== undefined);
  return originHost !== null && hosts.some((h) => sameHost(h, originHost)) ? null : 'cross-site';
};

/** User agents whose isbot verdict is kept (see createViewScreen). */
const SCREEN_VERDICTS_KEPT = 1000;

/**
 * screenViewRequest with isbot's verdicts kept for the user agents seen recently. isbot runs one regular
 * expression of a few hundred alternatives over the user agent: 2% of the server's busy CPU in the bench's
 * profile (docs/architecture/0009, "Beacons"), for an answer that depends on the string alone, while a site's
 * readers send a few hundred distinct user agents.
 * One per app: the views route and the beacon fast path share it.
 */
export const createViewScreen = (kept = SCREEN_VERDICTS_KEPT): ((headers: Headers) => ViewRejection | null) => {
  const verdicts = createRecentMap<string, boolean>(kept);
  const isBotKept = (ua: string): boolean => {
    let verdict = verdicts.get(ua);
    if (verdict === undefined) {
      verdict = isbot(ua);
      verdicts.set(ua, verdict);
    }
    return verdict;
  };
  return (headers) => screenWith(headers, isBotKept);
};

/**
 * The beacon body: JSON sent as text/plain by sendBeacon (a string here), or as application/json by other
 * clients (parsed already). A beacon is an object whose `a` is a positive safe integer and whose `t` is a
 * string of 1 to 64 characters; other members are ignored. Checked by hand: the fast path (fast-beacons.ts)
 * and the route both call this, once per beacon, and a schema library's checks cost more than the JSON.parse.
 */
export const parseViewBeacon = (body: unknown): ViewBeacon | null => {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { a, t } = value as { a?: unknown; t?: unknown };
  if (typeof a !== 'number' || !Number.isSafeInteger(a) || a <= 0) return null;
  if (typeof t !== 'string' || t.length < 1 || t.length > 64) return null;
  return { a, t };
};
