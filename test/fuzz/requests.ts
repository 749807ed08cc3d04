import { CONTENT_TYPES, garbageBody, jsonForm, multipart, urlencoded, type EncodedBody } from './bodies.js';
import { fillForm } from './form-values.js';
import type { FuzzWorld, Identity } from './fuzz-world.js';
import type { Rng } from './prng.js';
import type { RouteEntry } from './route-table.js';
import type { ScrapedForm } from './scrape.js';
import { encode, encodeQuery, oddText, queryValue, segmentFor, word } from './values.js';

/** One request to send, and who sends it. */
export interface FuzzRequest {
  kind: string;
  identity: Identity['name'];
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  remoteAddress: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const KNOWN_QUERY = ['page', 'saved', 'section', 'status', 'q', 'a', 'b', 'next', 'window', 'scope'];
const TRACKING = ['utm_source', 'utm_medium', 'utm_campaign', 'fbclid', 'gclid', 'ref'];
// Addresses are never reached: inject() only labels the request. Several, so throttles by address are exercised.
const ADDRESSES = ['127.0.0.1', '203.0.113.7', '198.51.100.23', '2001:db8::1', '2001:db8::2:1', '::ffff:192.0.2.9'];

const pathOf = (href: string) => href.replace(/[?#].*$/, '');

/** A query string: none, or known names with odd values, unknown and tracking names, repeats and `page=` forms. */
const queryString = (rng: Rng): string => {
  if (rng.chance(0.5)) return '';
  const pairs: string[] = [];
  for (let n = rng.int(1, 4); n > 0; n--) {
    const name = rng.weighted<() => string>([
      [5, () => rng.pick(KNOWN_QUERY)],
      [2, () => rng.pick(TRACKING)],
      [1, () => word(rng)],
      [0.3, () => encode(oddText(rng)) || 'x'],
    ])();
    const value =
      name === 'page' && rng.chance(0.5)
        ? rng.pick(['', '0', '1', '2', '-1', '1.5', '01', '9999999999'])
        : queryValue(rng);
    pairs.push(`${name}=${encodeQuery(rng, value)}`);
    if (rng.chance(0.1)) pairs.push(`${name}=${encodeQuery(rng, queryValue(rng))}`);
  }
  if (rng.chance(0.05)) pairs.push('flag', '=', '&&');
  return `?${pairs.join('&')}`;
};

/** Values for a route's parameters, drawn from what exists now and from what never could. */
const fillRoute = (rng: Rng, world: FuzzWorld, route: RouteEntry): string => {
  const { pools, scraped } = world;
  const links = scraped.links;
  const article = rng.pick(pools.articles);
  const valid: Record<string, () => string[]> = {
    id: () => (route.path.startsWith('/newsroom/users') ? pools.users : [article]).map(String),
    revision: () => Array.from({ length: (pools.revisions.get(article) ?? 1) + 1 }, (_, i) => String(i + 1)),
    file: () => links.filter((l) => l.startsWith('/static/')).map((l) => l.slice(8)),
    ref: () => links.filter((l) => l.startsWith('/media/')).map((l) => l.split('/')[2]!),
    name: () => ['w400.jpg', 'w400.webp', 'w400.avif', 'w800.jpg', 'w1200.webp', 'w12.jpg', 'original'],
  };
  return route.path
    .split('/')
    .map((segment) => {
      if (segment === '*') {
        const reader = links.filter((l) => !/^\/(newsroom|static|media)\//.test(l)).map((l) => pathOf(l).slice(1));
        return rng.chance(0.7)
          ? rng.pick(reader)
          : Array.from({ length: rng.int(1, 4) }, () => segmentFor(rng, [word(rng)])).join('/');
      }
      if (!segment.startsWith(':')) return segment;
      return segmentFor(rng, valid[segment.slice(1)]?.() ?? []);
    })
    .join('/');
};

/** Headers a browser, a script or an attacker might send. */
const headersFor = (
  rng: Rng,
  world: FuzzWorld,
  identity: Identity,
  body: EncodedBody | null,
): Record<string, string> => {
  const h: Record<string, string> = {};
  const cookie = identity.client?.cookieHeader() ?? '';
  const cookieChoice = rng.weighted<string>([
    [90, cookie],
    [3, `${cookie}; big=${'c'.repeat(rng.pick([4_000, 16_000, 60_000]))}`],
    [
      3,
      rng.pick(['dl_session=%ZZ', 'dl_session=;dl_session=x', ';;;=', 'dl_form=short', `dl_session=${'A'.repeat(43)}`]),
    ],
    [4, ''],
  ]);
  if (cookieChoice) h.cookie = cookieChoice;
  const accept = rng.weighted<string | null>([
    [6, 'text/html,application/xhtml+xml'],
    [3, 'application/json'],
    [1, null],
    [1, '*/*'],
    [0.5, 'application/json;q=0.1, garbage/;;'],
  ]);
  if (accept) h.accept = accept;
  if (body?.contentType) h['content-type'] = rng.chance(0.93) ? body.contentType : rng.pick(CONTENT_TYPES);
  if (rng.chance(0.08)) h['if-none-match'] = rng.pick(['*', '"abc"', 'W/"x"', '"', 'garbage', `"${'e'.repeat(5000)}"`]);
  if (rng.chance(0.05)) h['if-modified-since'] = rng.pick(['yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT']);
  if (rng.chance(0.1)) h['sec-fetch-site'] = rng.pick(['same-origin', 'cross-site', 'same-site', 'none', 'bogus']);
  if (rng.chance(0.15)) {
    h['user-agent'] = rng.pick([
      'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
      'Googlebot/2.1',
      '',
      'x'.repeat(9000),
    ]);
  }
  if (rng.chance(0.05)) h['x-forwarded-for'] = rng.pick(['1.2.3.4', 'garbage, ::1', '']);
  if (rng.chance(0.05)) h['accept-encoding'] = rng.pick(['gzip, br', 'identity;q=0', 'zstd']);
  if (rng.chance(0.05)) h['x-csrf-token'] = identity.client?.csrf ?? 'none';
  if (rng.chance(0.03)) h.range = rng.pick(['bytes=0-10', 'bytes=9999999-', 'lines=1-2']);
  return h;
};

/** A body for a form: as its page declares it mostly, else in another encoding. */
const encodeForm = (rng: Rng, form: ScrapedForm, world: FuzzWorld, identity: Identity): EncodedBody => {
  const other = rng.pick(world.identities).client?.csrf ?? '';
  const filled = fillForm(rng, world, form, { own: identity.client?.csrf ?? '', other });
  const declared = form.enctype.startsWith('multipart/') ? 'multipart' : 'urlencoded';
  const how = rng.weighted<string>([
    [85, declared],
    [8, declared === 'multipart' ? 'urlencoded' : 'multipart'],
    [7, 'json'],
  ]);
  if (how === 'multipart') return multipart(rng, filled);
  return how === 'json' ? jsonForm(rng, filled) : urlencoded(filled);
};

const pickIdentity = (rng: Rng, world: FuzzWorld, preferred?: string): Identity => {
  const own = world.identities.find((i) => i.name === preferred);
  if (own && rng.chance(0.75)) return own;
  return rng.weighted(world.identities.map((i) => [i.person ? 3 : 1.5, i] as const));
};

const request = (
  rng: Rng,
  world: FuzzWorld,
  kind: string,
  identity: Identity,
  method: string,
  url: string,
  body: EncodedBody | null,
): FuzzRequest => ({
  kind,
  identity: identity.name,
  method,
  url,
  headers: headersFor(rng, world, identity, body),
  ...(body ? { payload: body.payload } : {}),
  remoteAddress: rng.pick(ADDRESSES),
});

/** A form a page offered, sent back filled in (GET forms put their fields in the query). */
const formRequest = (rng: Rng, world: FuzzWorld): FuzzRequest => {
  // Signing out is one form among many, but each one costs a sign-in to undo: it is sent less often.
  const scrapedForm = rng.weighted(world.scraped.forms.map((f) => [/\/logout/.test(f.action) ? 0.3 : 1, f] as const));
  const identity = pickIdentity(rng, world, scrapedForm.identity);
  // Articles made during the run get their forms too; a contributor mostly opens their own.
  const own = identity.accountId === undefined ? [] : (world.pools.byCreator.get(identity.accountId) ?? []);
  const action = scrapedForm.action.replace(/^(\/newsroom\/articles\/)\d+/, (whole, prefix: string) => {
    if (own.length && rng.chance(identity.name === 'contributor' ? 0.8 : 0.3)) return `${prefix}${rng.pick(own)}`;
    return rng.chance(0.4) ? `${prefix}${rng.pick(world.pools.articles)}` : whole;
  });
  const form = { ...scrapedForm, action };
  if (form.method !== 'POST') {
    const filled = fillForm(rng, world, form, { own: '', other: '' });
    const qs = filled.fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    return request(rng, world, 'form', identity, 'GET', `${pathOf(form.action)}?${qs}`, null);
  }
  return request(rng, world, 'form', identity, 'POST', form.action, encodeForm(rng, form, world, identity));
};

/**
 * The routes in an order drawn once per world, taken in turn: every route is asked for once before any twice, so a
 * run reaches them all however many the app registers (the Admin API alone has six prefixes of each of its routes).
 */
const routeTurns = new WeakMap<FuzzWorld, { order: FuzzWorld['routes']; next: number }>();
const nextRoute = (rng: Rng, world: FuzzWorld): { route: FuzzWorld['routes'][number]; first: boolean } => {
  let turn = routeTurns.get(world);
  if (!turn) {
    const order = [...world.routes];
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    turn = { order, next: 0 };
    routeTurns.set(world, turn);
  }
  const first = turn.next < turn.order.length;
  return { route: turn.order[turn.next++ % turn.order.length]!, first };
};

/** Any route of the app, with any method, parameters, query and body. */
const routeRequest = (rng: Rng, world: FuzzWorld): FuzzRequest => {
  const { route, first } = nextRoute(rng, world);
  // Its own method the first time round, so each route is reached as registered at least once.
  const method = first || rng.chance(0.85) ? rng.pick(route.methods) : rng.pick(METHODS);
  const url = fillRoute(rng, world, route) + queryString(rng);
  const identity = pickIdentity(rng, world);
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    return request(rng, world, 'route', identity, method, url, rng.chance(0.05) ? garbageBody(rng) : null);
  }
  const forms = world.scraped.forms.filter(
    (f) => f.method === 'POST' && pathOf(f.action).replace(/\d+/g, ':id') === route.path.replace(/:revision/, ':id'),
  );
  // A route no page offers a form for (restoring a revision) still gets bodies that carry the form token.
  const bare = { payload: `_csrf=${identity.client?.csrf ?? ''}`, contentType: 'application/x-www-form-urlencoded' };
  const body = rng.weighted<() => EncodedBody>([
    [forms.length ? 6 : 0, () => encodeForm(rng, rng.pick(forms), world, identity)],
    [forms.length ? 0 : 5, () => bare],
    [4, () => garbageBody(rng)],
  ])();
  return request(rng, world, 'route', identity, method, url, body);
};

/** A page someone linked to, maybe with a query added. */
const linkRequest = (rng: Rng, world: FuzzWorld): FuzzRequest =>
  request(
    rng,
    world,
    'link',
    pickIdentity(rng, world),
    rng.chance(0.9) ? 'GET' : 'HEAD',
    rng.pick(world.scraped.links) + queryString(rng),
    null,
  );

/** The view beacon: real tokens, bent ones, wrong shapes and wrong types. */
const beaconRequest = (rng: Rng, world: FuzzWorld): FuzzRequest => {
  const real = world.scraped.beacons.length ? rng.pick(world.scraped.beacons) : { a: 1, t: 'x' };
  const beacon = rng.weighted<() => unknown>([
    [6, () => real],
    [1, () => ({ a: real.a, t: real.t.slice(0, -2) + 'AA' })],
    [1, () => ({ a: String(real.a), t: real.t })],
    [1, () => ({ a: rng.pick([0, -1, 1e20, 2 ** 31, 1.5]), t: real.t })],
    [1, () => ({ t: real.t })],
    [1, () => [real.a, real.t]],
  ])();
  const payload = rng.chance(0.95) ? JSON.stringify(beacon) : '{"a":1,"t":';
  const body = { payload, contentType: rng.pick(['application/json', 'text/plain;charset=UTF-8', 'application/json']) };
  return request(rng, world, 'beacon', pickIdentity(rng, world), 'POST', '/api/views', body);
};

const RAW_PATHS = [
  '/%ZZ',
  '/%',
  '/\\evil.example',
  '//evil.example/',
  '/newsroom/../../etc/passwd',
  '/static/..%2f..%2fpackage.json',
  '/static/%2e%2e/%2e%2e/package.json',
  '/media/1-0000000000000000/..%2F..%2Fw400.jpg',
  '/newsroom/articles/1%00',
  '/newsroom//articles',
  '/newsroom/articles/%F0%9F%A6%86',
  '/politics/%2e%2e/',
  '/?page=2&page=3',
  '/ranking/?window=%ZZ',
  '/api/ranking?window=24h&section=%00',
  '/api/ranking?window[]=1',
  '/search?q=%ZZ',
  '/search?q=%22NEAR(a*%20OR%20-b)%22%5C&page=-1&sort=rank',
  '/search?q[]=1&q=2',
  '/search?q=x&from=2026-13-40&to=2026-01-01',
  '/ja/search?q=%E9%98%B2%E8%A1%9B&section=%00',
  '/api/search?q=' + 'refuel%20'.repeat(1500),
  '/api/search?q=%E2%80%AE%00%01&edition=zz&page=99999999999999999999',
  '/corrections/?a=' + 'b'.repeat(8000),
  '/' + 'a/'.repeat(600),
  '/' + 'z'.repeat(9000),
  '/newsroom/articles/1/revisions?a=1&b=999999999',
  '/newsroom/articles/1/revisions?a=1&a=2',
  '/newsroom/media?page=99999999',
  '/newsroom/curation?section=%ZZ',
  '/*',
  '/%2F%2F',
  '/newsroom/%2e%2e/newsroom',
];

/** An address typed, pasted or forged. */
const rawRequest = (rng: Rng, world: FuzzWorld): FuzzRequest =>
  request(
    rng,
    world,
    'raw',
    pickIdentity(rng, world),
    rng.pick(['GET', 'GET', 'HEAD', 'POST']),
    rng.pick(RAW_PATHS),
    null,
  );

/** The next request of a run: forms most, then any route, links, beacons and raw addresses. */
export const nextRequest = (rng: Rng, world: FuzzWorld): FuzzRequest =>
  rng.weighted<(rng: Rng, world: FuzzWorld) => FuzzRequest>([
    [45, formRequest],
    [33, routeRequest],
    [10, linkRequest],
    [6, beaconRequest],
    [6, rawRequest],
  ])(rng, world);
