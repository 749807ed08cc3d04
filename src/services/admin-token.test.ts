import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAdminToken, readAdminToken, type ReadAdminToken } from './admin-token.js';

interface GhostAdminClient {
  posts: { browse: () => Promise<unknown> };
}
type GhostAdminApi = new (options: { url: string; key: string; version: string }) => GhostAdminClient;
const GhostAdminAPI = createRequire(import.meta.url)('@tryghost/admin-api') as GhostAdminApi;

const id = randomBytes(12).toString('hex');
const secretHex = randomBytes(32).toString('hex');
const secret = Buffer.from(secretHex, 'hex');

let server: Server;
let origin: string;
const sent: string[] = [];

/** The Authorization header Ghost's own client sends for `version`, captured by a local server. */
const tokenFromGhostClient = async (version: string): Promise<string> => {
  const api = new GhostAdminAPI({ url: origin, key: `${id}:${secretHex}`, version });
  await api.posts.browse();
  const header = sent.pop() ?? '';
  expect(header).toMatch(/^Ghost [\w-]+\.[\w-]+\.[\w-]+$/);
  return header.slice('Ghost '.length);
};

const read = (token: string): ReadAdminToken => {
  const parts = readAdminToken(token);
  if ('refused' in parts) throw new Error(`the token was refused as ${parts.refused}`);
  return parts;
};

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token in Ghost's documented form, signed here: for the claims the client would never send. */
const signed = (payload: Record<string, unknown>, header: Record<string, unknown> = {}, key = secret): string => {
  const input = `${segment({ alg: 'HS256', typ: 'JWT', kid: id, ...header })}.${segment(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
};

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number; aud: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    sent.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ posts: [], meta: { pagination: { page: 1, limit: 15, pages: 1, total: 0 } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('an Admin API token made by @tryghost/admin-api', () => {
  it('is accepted with its key’s secret, and names that key', async () => {
    const token = await tokenFromGhostClient('v5.0');
    expect(claimsOf(token).aud).toBe('/admin/');
    expect(read(token).kid).toBe(id);
    expect(checkAdminToken(read(token), secret, new Date())).toBeNull();
  });

  it('is accepted from older clients, whose audience names the API version', async () => {
    for (const version of ['v3.2', 'v4.1', 'canary']) {
      const token = await tokenFromGhostClient(version);
      expect(claimsOf(token).aud).toMatch(/^\/(v[34]|canary)\/admin\/$/);
      expect(checkAdminToken(read(token), secret, new Date())).toBeNull();
    }
  });

  it('is refused with another secret', async () => {
    const token = await tokenFromGhostClient('v5.0');
    expect(checkAdminToken(read(token), randomBytes(32), new Date())).toBe('signature');
  });

  it('is refused once its payload is changed, as by a longer expiry', async () => {
    const [header, , signature] = (await tokenFromGhostClient('v5.0')).split('.');
    const claims = claimsOf(await tokenFromGhostClient('v5.0'));
    const tampered = `${header}.${segment({ ...claims, exp: claims.exp + 3600 })}.${signature}`;
    expect(checkAdminToken(read(tampered), secret, new Date())).toBe('signature');
  });

  it('is refused once its signature is changed', async () => {
    const token = await tokenFromGhostClient('v5.0');
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(checkAdminToken(read(tampered), secret, new Date())).toBe('signature');
  });

  it('is accepted up to five seconds after it expired, and refused from then on', async () => {
    const token = await tokenFromGhostClient('v5.0');
    const { exp } = claimsOf(token);
    expect(checkAdminToken(read(token), secret, new Date((exp + 4) * 1000))).toBeNull();
    expect(checkAdminToken(read(token), secret, new Date((exp + 5) * 1000))).toBe('expired');
  });
});

describe('an Admin API token', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const iat = now.getTime() / 1000;

  it('for another audience is refused', () => {
    for (const aud of ['/content/', '/admin', 'admin/', '/v5/admin/posts/', '/ghost/api/admin/']) {
      expect(checkAdminToken(read(signed({ iat, exp: iat + 300, aud })), secret, now)).toBe('audience');
    }
  });

  it('living longer than five minutes is refused, even while unexpired', () => {
    expect(checkAdminToken(read(signed({ iat, exp: iat + 301, aud: '/admin/' })), secret, now)).toBe('lifetime');
    expect(checkAdminToken(read(signed({ iat, exp: iat, aud: '/admin/' })), secret, now)).toBe('lifetime');
  });

  it('issued more than five seconds ahead of the clock is refused', () => {
    const early = { iat: iat + 6, exp: iat + 300, aud: '/admin/' };
    expect(checkAdminToken(read(signed(early)), secret, now)).toBe('not_yet_valid');
    expect(checkAdminToken(read(signed({ ...early, iat: iat + 5 })), secret, now)).toBeNull();
  });

  it('without its claims is refused as malformed', () => {
    expect(checkAdminToken(read(signed({ iat, aud: '/admin/' })), secret, now)).toBe('malformed');
  });

  it('that chooses another algorithm is refused before any key is looked up', () => {
    const payload = segment({ iat, exp: iat + 300, aud: '/admin/' });
    expect(readAdminToken(`${segment({ alg: 'none', kid: id })}.${payload}.x`)).toEqual({ refused: 'algorithm' });
    expect(readAdminToken(signed({ iat }, { alg: 'HS512' }))).toEqual({ refused: 'algorithm' });
  });

  it('that is not three base64url parts, or names no 24-hex key, is malformed', () => {
    for (const token of ['', 'a.b', 'a.b.c.d', 'a.b.c', `${signed({ iat })}=`, signed({ iat }, { kid: 'ABC' })]) {
      expect(readAdminToken(token)).toEqual({ refused: 'malformed' });
    }
  });
});
