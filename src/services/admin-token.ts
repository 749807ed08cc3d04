import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Ghost's Admin API token, as `@tryghost/admin-api` makes it (lib/token.js): a JWT signed HS256 with the hex-decoded
 * secret of an admin key, `kid` its id, `aud` the API's path ('/admin/'; '/v2/admin/' … or '/canary/admin/' from
 * older clients) and five minutes between `iat` and `exp`. Checked with node:crypto rather than a JWT library:
 * one algorithm, a fixed form, and nothing negotiable (docs/architecture/0018-api-keys.md).
 */

/** Why a token was refused; the Admin API turns each into Ghost's error envelope. */
export type AdminTokenRefusal =
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'signature'
  | 'audience'
  | 'lifetime'
  | 'expired'
  | 'not_yet_valid'
  | 'revoked';

/** A token's parts, read but not yet trusted. */
export interface ReadAdminToken {
  kid: string;
  signingInput: string;
  signature: string;
  payload: string;
}

const MAX_LIFETIME_S = 5 * 60;
const CLOCK_SKEW_S = 5;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
const AUDIENCE = /^\/(?:v\d+\/|canary\/)?admin\/$/;

const Header = z.object({
  alg: z.string(),
  typ: z.literal('JWT').optional(),
  kid: z.string().regex(/^[0-9a-f]{24}$/),
});

const Payload = z.object({
  iat: z.number().int(),
  exp: z.number().int(),
  aud: z.union([z.string(), z.array(z.string())]),
});

/** JSON from a base64url segment, or undefined when it is not. */
const jsonOf = (segment: string): unknown => {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/** Splits a token and reads its header: enough to find the key it names. */
export function readAdminToken(token: string): ReadAdminToken | { refused: 'malformed' | 'algorithm' } {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) return { refused: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const parsed = Header.safeParse(jsonOf(header));
  if (!parsed.success) return { refused: 'malformed' };
  // Only HS256: a token may not choose how it is checked ('none', or a public-key algorithm).
  if (parsed.data.alg !== 'HS256') return { refused: 'algorithm' };
  return { kid: parsed.data.kid, signingInput: `${header}.${payload}`, signature, payload };
}

/** Whether `signature` is the HMAC-SHA256 of the signing input under `secret`, compared in constant time. */
function signedWith(token: ReadAdminToken, secret: Buffer): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(token.signingInput).digest('base64url'));
  const sent = Buffer.from(token.signature);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Checks a read token with its key's secret (the bytes, hex-decoded): the signature first, so nothing about the
 * claims is said to someone who cannot sign; then the audience, the lifetime, and the time with 5 s of skew.
 * Null when the token is good.
 */
export function checkAdminToken(token: ReadAdminToken, secret: Buffer, now: Date): AdminTokenRefusal | null {
  if (!signedWith(token, secret)) return 'signature';
  const parsed = Payload.safeParse(jsonOf(token.payload));
  if (!parsed.success) return 'malformed';
  const { iat, exp, aud } = parsed.data;
  if (!(typeof aud === 'string' ? [aud] : aud).some((a) => AUDIENCE.test(a))) return 'audience';
  if (exp - iat > MAX_LIFETIME_S || exp <= iat) return 'lifetime';
  const nowS = now.getTime() / 1000;
  if (nowS >= exp + CLOCK_SKEW_S) return 'expired';
  if (iat > nowS + CLOCK_SKEW_S) return 'not_yet_valid';
  return null;
}
