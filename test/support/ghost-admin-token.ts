import { createRequire } from 'node:module';

const sign = createRequire(import.meta.url)('@tryghost/admin-api/lib/token') as (key: string, aud: string) => string;

/**
 * The token `@tryghost/admin-api` signs for an admin key: its own lib/token.js, the function each of its requests
 * calls (src/services/admin-token.test.ts captures the header the whole client sends). Issued now, by the system clock.
 */
export const ghostAdminToken = (key: string, audience = '/admin/'): string => sign(key, audience);

/** The token's claims, read without checking it. */
export const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number; aud: string };
