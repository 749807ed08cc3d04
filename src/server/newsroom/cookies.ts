/** Reads one cookie from a Cookie header; names and values are ours, so no decoding is needed. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
};

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  sameSite: 'Lax' | 'Strict';
}

/** Newsroom cookies: scoped to /newsroom, never readable by scripts, Secure whenever served over TLS. */
export const newsroomCookie = (name: string, value: string, opts: CookieOptions): string =>
  [
    `${name}=${value}`,
    'Path=/newsroom',
    'HttpOnly',
    `SameSite=${opts.sameSite}`,
    `Max-Age=${opts.maxAgeSeconds}`,
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
