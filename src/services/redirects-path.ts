/**
 * How an old address is written down and looked up (docs/architecture/0023-redirects.md, "One spelling").
 *
 * The same address arrives spelled many ways: WordPress writes percent escapes in lower case ("%ce%b1"), browsers
 * in upper case, an import may carry raw "α"; a link may or may not end in a slash; a query's parameters come in any
 * order, with tracking parameters added. A redirect is stored under one spelling and every request is brought to it
 * before the lookup, so one primary-key read finds it:
 *   - case is kept: WordPress paths are case-sensitive ("/About" and "/about" are two addresses);
 *   - percent escapes: hex digits in upper case, unreserved characters (A–Z a–z 0–9 - . _ ~) decoded, every other
 *     character outside RFC 3986's path characters (spaces, non-ASCII as UTF-8) escaped;
 *   - a trailing slash is dropped ("/old/" and "/old" are one address), except the root's "/";
 *   - the query (only an old address has one, "?p=123"): empty and tracking parameters (utm_*, fbclid, gclid…)
 *     dropped, the rest sorted.
 */

/** Characters left as they are in a path besides unreserved ones: sub-delims, ":", "@" and "/". */
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/;
/** In a query part, "?" and "/" are allowed too; "&" separates the parts and "=" a name from its value. */
const QUERY_CHAR = /[A-Za-z0-9\-._~!$'()*+,;:@/?=]/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const HEX = /^[0-9A-Fa-f]{2}$/;
const TRACKING = /^(?:utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga)$/i;
/** Longer addresses are refused: no real site address is this long, and the key is a primary key. */
export const MAX_REDIRECT_PATH = 2000;

export type PathCheck = { ok: true; path: string } | { ok: false; message: string };

/** Escapes as said above: `allowed` are the characters kept raw. */
const normaliseEscapes = (text: string, allowed: RegExp): string => {
  let out = '';
  const bytes = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      const code = parseInt(text.slice(i + 1, i + 3), 16);
      const decoded = String.fromCharCode(code);
      out += code < 0x80 && UNRESERVED.test(decoded) ? decoded : `%${text.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
      continue;
    }
    const point = text.codePointAt(i)!;
    const whole = String.fromCodePoint(point);
    if (point < 0x80 && allowed.test(whole)) out += whole;
    else for (const b of bytes.encode(whole)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (point > 0xffff) i++;
  }
  return out;
};

/** The query's parameters in one order, tracking ones dropped; '' when none is left. */
export const canonicalQuery = (query: string): string =>
  query
    .split('&')
    .filter((part) => part !== '')
    .map((part) => normaliseEscapes(part, QUERY_CHAR))
    .filter((part) => !TRACKING.test(part.split('=', 1)[0]!))
    .sort()
    .join('&');

/** The path part of a key: escapes normalised, no trailing slash but the root's. */
const keyPath = (path: string): string => {
  const escaped = normaliseEscapes(path, PATH_CHAR);
  return escaped.length > 1 && escaped.endsWith('/') ? escaped.replace(/\/+$/, '') || '/' : escaped;
};

/** Refuses what is no path of this site; null when it is one. */
const refusal = (raw: string, what: 'from' | 'to'): string | null => {
  if (raw === '') return `Give the ${what === 'from' ? 'old' : 'new'} address, starting with /.`;
  if (raw.length > MAX_REDIRECT_PATH) return `Keep the address under ${MAX_REDIRECT_PATH} characters.`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw))
    return 'Give a path of this site, such as /2019/05/old-story/, not a full address.';
  if (!raw.startsWith('/') || raw.startsWith('//')) return 'A path of this site starts with a single /.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return 'The address has a character no address can have.';
  const path = raw.split(/[?#]/, 1)[0]!;
  if (/(?:^|\/)\.{1,2}(?:\/|$)/.test(path)) return 'The address has a "." or ".." segment.';
  if (what === 'from' && raw.includes('#')) return 'A browser never sends the part after #: leave it out.';
  return null;
};

/**
 * The key an old address is stored and looked up under. A request's address (`req.originalUrl`) goes through it
 * unchecked: see `requestKeys`.
 */
export const redirectKey = (raw: string): PathCheck => {
  const text = raw.trim();
  const refused = refusal(text, 'from');
  if (refused) return { ok: false, message: refused };
  const mark = text.indexOf('?');
  const path = keyPath(mark < 0 ? text : text.slice(0, mark));
  const query = mark < 0 ? '' : canonicalQuery(text.slice(mark + 1));
  if (path === '/' && query === '')
    return { ok: false, message: 'The home page is a page of this site: it cannot move.' };
  return { ok: true, path: query === '' ? path : `${path}?${query}` };
};

/** A target as stored: escapes normalised, its slash, query and fragment kept as given. */
export const redirectTarget = (raw: string): PathCheck => {
  const text = raw.trim();
  const refused = refusal(text, 'to');
  if (refused) return { ok: false, message: refused };
  const at = text.search(/[?#]/);
  const path = at < 0 ? text : text.slice(0, at);
  const rest = at < 0 ? '' : text.slice(at);
  return {
    ok: true,
    path: normaliseEscapes(path, PATH_CHAR) + normaliseEscapes(rest, /[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]/),
  };
};

/** The key of a target, to compare it with old addresses: a target that is one is followed (no chains, no loops). */
export const keyOfTarget = (target: string): string => {
  const cut = target.split('#', 1)[0]!;
  const mark = cut.indexOf('?');
  const path = keyPath(mark < 0 ? cut : cut.slice(0, mark));
  const query = mark < 0 ? '' : canonicalQuery(cut.slice(mark + 1));
  return query === '' ? path : `${path}?${query}`;
};

/**
 * The keys a request's address may be stored under, most specific first: with its query (when one is left once
 * tracking parameters are dropped), then without. A malformed address gives none.
 */
export const requestKeys = (url: string): { withQuery: string | null; path: string | null } => {
  if (!url.startsWith('/') || url.startsWith('//') || url.length > MAX_REDIRECT_PATH)
    return { withQuery: null, path: null };
  const mark = url.indexOf('?');
  const path = keyPath(mark < 0 ? url : url.slice(0, mark));
  const query = mark < 0 ? '' : canonicalQuery(url.slice(mark + 1));
  return { withQuery: query === '' ? null : `${path}?${query}`, path: path === '/' ? null : path };
};

/** A newsroom search as stored addresses spell it ("α" → "%ce%b1"), lower-cased; '' for none. */
export const searchNeedle = (query: string): string =>
  normaliseEscapes(query.trim().slice(0, 200), /[\x20-\x7e]/).toLowerCase();

/**
 * Whether an old address and a new one are the same address (then there is nothing to redirect: saveRedirects
 * refuses it as a loop). Importers leave such rows out.
 */
export const sameAddress = (from: string, to: string): boolean => {
  const key = redirectKey(from);
  const target = redirectTarget(to);
  return key.ok && target.ok && key.path === keyOfTarget(target.path);
};
