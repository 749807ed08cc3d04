import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Article pages carry a token that the view beacon sends back. Pages may sit in a CDN for minutes, so a
 * token lives for two hours: long enough for any cached copy, short enough that a harvested token is soon
 * useless. The token binds the article id and the minute it was issued: "<minute>.<mac>".
 */
export const VIEW_TOKEN_LIFETIME_SECONDS = 2 * 3600;

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
  const expected = Buffer.from(mac(key, articleId, minute));
  const given = Buffer.from(m[2]!);
  if (!timingSafeEqual(expected, given)) return 'forged';
  const ageSeconds = nowMs / 1000 - minute * 60;
  // A minute of leeway for clocks of different nodes.
  if (ageSeconds < -60) return 'future';
  if (ageSeconds > VIEW_TOKEN_LIFETIME_SECONDS) return 'expired';
  return 'valid';
};
