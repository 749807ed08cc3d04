import { isbot } from 'isbot';
import { z } from 'zod';

/** Why a beacon was not counted; useful in tests and debug logs, never told to the client. */
export type ViewRejection = 'bot' | 'prefetch' | 'cross-site' | 'malformed';

export const ViewBeaconSchema = z.object({
  a: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  t: z.string().min(1).max(64),
});
export type ViewBeacon = z.infer<typeof ViewBeaconSchema>;

type Headers = Record<string, string | string[] | undefined>;
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
  const site = one(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin') return 'cross-site';
  const origin = one(headers.origin);
  const host = one(headers.host);
  if (origin !== undefined) {
    try {
      if (new URL(origin).host !== host) return 'cross-site';
    } catch {
      return 'cross-site';
    }
  }
  return null;
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
