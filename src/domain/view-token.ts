import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Article pages carry a token that the view beacon sends back; it binds the article id and the minute it was
 * issued: "<minute>.<mac>". Anyone who reads the page can reuse its token until it expires, so it should expire
 * as soon as no honest copy of the page can still be in use. The longest a cached copy lives: 30 s in the
 * process's page cache, then `max-age=60, stale-while-revalidate=600` in a CDN or the browser (reader-routes.tsx),
 * so 11.5 minutes after it was rendered; a prerendered page may then wait a few more before it is shown. Thirty
 * minutes covers that with room to spare (a CDN set to keep pages longer than half an hour loses the views of its
 * older copies), and a harvested token is worth half an hour instead of two. What stops one address from buying
 * the ranking is its budget (view-candidate.ts), not the token.
 */
export const VIEW_TOKEN_LIFETIME_SECONDS = 30 * 60;

const mac = (key: Buffer, articleId: number, minute: number): string =>
  createHmac('sha256', key).update(`view:${articleId}:${minute}`).digest('base64url').slice(0, 22);

export const signViewToken = (key: Buffer, articleId: number, nowMs: number): string => {
  const minute = Math.floor(nowMs / 60_000);
  return `${minute.toString(36)}.${mac(key, articleId, minute)}`;
};

export type TokenCheck = 'valid' | 'malformed' | 'forged' | 'expired' | 'future';

export const checkViewToken = (key: Buffer, articleId: number, token: string, nowMs: number): TokenCheck => {
  const m = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return 'malformed';
  const minute = parseInt(m[1]!, 36);
  // The age first: a page kept long by a CDN sends an old token with every view, and the minute is no secret (it
  // is in the token), so an old or future token is refused without computing its MAC.
  const age = checkTokenAge(minute, nowMs);
  if (age !== 'valid') return age;
  const expected = Buffer.from(mac(key, articleId, minute));
  const given = Buffer.from(m[2]!);
  return timingSafeEqual(expected, given) ? 'valid' : 'forged';
};

/** Whether a token issued in `minute` is still good at `nowMs`: what checkViewToken does before the MAC. */
export const checkTokenAge = (minute: number, nowMs: number): 'valid' | 'expired' | 'future' => {
  const ageSeconds = nowMs / 1000 - minute * 60;
  // A minute of leeway for clocks of different nodes.
  if (ageSeconds < -60) return 'future';
  if (ageSeconds > VIEW_TOKEN_LIFETIME_SECONDS) return 'expired';
  return 'valid';
};
