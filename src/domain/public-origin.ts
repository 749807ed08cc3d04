/**
 * The public address of the site: the origin every canonical link, feed, sitemap and API URL starts with. It is
 * configuration (DATELINE_BASE_URL) or a stored setting, never the request's Host or X-Forwarded-Host header:
 * those are whatever the client sent, and a page cached with a forged one would be served to everyone.
 */

/** Where the public address comes from besides the stored setting: the environment wins, the server's own loses. */
export interface OriginRule {
  /** DATELINE_BASE_URL, which no setting overrides; null when it is unset. */
  fixed: string | null;
  /** The server's own address, used when neither the environment nor the newsroom's Settings give one. */
  fallback: string;
}

/** Which of the three gave the address in use. */
export type OriginSource = 'environment' | 'settings' | 'server';

export type ParsedOrigin = { ok: true; origin: string } | { ok: false; message: string };

const EXAMPLE = 'e.g. https://news.example.com';

/**
 * An http(s) origin ("https://news.example.com", a trailing slash allowed), normalised the way browsers write it
 * (lower-case host, no default port, no trailing slash); anything with a path, query, fragment or credentials is
 * refused with a one-line reason, since every URL the site writes would carry it.
 */
export function parsePublicOrigin(raw: string): ParsedOrigin {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: `must be an absolute http(s) address, ${EXAMPLE}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `must start with https:// or http://, ${EXAMPLE}` };
  }
  if (url.username || url.password) return { ok: false, message: 'must not contain a user name or password' };
  if (url.pathname !== '/' || url.search || url.hash || /[?#]/.test(raw)) {
    return { ok: false, message: `must be the origin alone, without a path, query or fragment, ${EXAMPLE}` };
  }
  return { ok: true, origin: url.origin };
}

/** Wildcard listening addresses name no host a browser can ask for: their loopback twin is the one that works. */
const WILDCARD_TO_LOOPBACK: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1', '[::]': '::1' };

/** The address the server answers at when nothing else is known: http, its HOST (a wildcard read as loopback), PORT. */
export function serverOrigin(host: string, port: number): string {
  const name = WILDCARD_TO_LOOPBACK[host] ?? host;
  const bracketed = name.includes(':') && !name.startsWith('[') ? `[${name}]` : name;
  try {
    return new URL(`http://${bracketed}:${port}`).origin;
  } catch {
    // HOST goes to listen() as it is; one that no URL can be made of must not leave the site without links.
    return `http://127.0.0.1:${port}`;
  }
}

/** Whether a HOST is reachable from this machine only, so that the server's own address is good enough. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The one warning a server reachable from elsewhere logs at start while its links still point at its own
 * address; null when the address was configured or the server is loopback-only.
 */
export function defaultOriginWarning(source: OriginSource, host: string, origin: string): string | null {
  if (source !== 'server' || isLoopbackHost(host)) return null;
  return (
    `The public address is not set: links, feeds and sitemaps point at ${origin}, which readers elsewhere ` +
    'cannot reach. Set DATELINE_BASE_URL (e.g. https://news.example.com) or the Base URL in the newsroom Settings.'
  );
}
