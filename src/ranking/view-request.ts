import { createIsbotFromList, list as botPatterns } from 'isbot';
import { z } from 'zod';

/** Why a beacon was not counted; useful in tests and debug logs, never told to the client. */
export type ViewRejection = 'bot' | 'prefetch' | 'cross-site' | 'malformed';

export const ViewBeaconSchema = z.object({
  a: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  t: z.string().min(1).max(64),
});
export type ViewBeacon = z.infer<typeof ViewBeaconSchema>;

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
export const screenViewRequest = (headers: Headers): ViewRejection | null => {
  const ua = one(headers['user-agent']);
  if (!ua || isbot(ua)) return 'bot';
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

/** The beacon body: JSON sent as text/plain by sendBeacon, or as application/json by other clients. */
export const parseViewBeacon = (body: unknown): ViewBeacon | null => {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return null;
    }
  }
  const parsed = ViewBeaconSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};
