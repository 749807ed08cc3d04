import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notPublicReason, resolveTarget, type Resolve } from './webhook-address.js';
import { sendWebhook } from './webhook-sender.js';

describe('the webhook address check', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.20.30.40', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['224.0.0.251', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('refuses %s as %s', (address, kind) => {
    expect(notPublicReason(address)).toBe(kind);
  });

  it.each(['93.184.215.14', '8.8.4.4', '172.32.0.1', '2606:4700:4700::1111', '::ffff:93.184.215.14'])(
    'lets the public address %s through',
    (address) => {
      expect(notPublicReason(address)).toBeNull();
    },
  );

  const resolvesTo =
    (...addresses: string[]): Resolve =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name that resolves to loopback, and a name with one private address among public ones', async () => {
    expect(await resolveTarget('localhost', false)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/loopback/),
    });
    expect(await resolveTarget('inner.example', false, resolvesTo('93.184.215.14', '10.0.0.7'))).toEqual({
      ok: false,
      reason: '10.0.0.7 is a private address',
    });
    expect(await resolveTarget('[::1]', false)).toEqual({ ok: false, reason: '::1 is a loopback address' });
  });

  it('gives the first address of a public name, and any address when private ones are allowed', async () => {
    expect(await resolveTarget('hooks.example', false, resolvesTo('93.184.215.14'))).toEqual({
      ok: true,
      address: '93.184.215.14',
      family: 4,
    });
    expect(await resolveTarget('localhost', true, resolvesTo('127.0.0.1'))).toEqual({
      ok: true,
      address: '127.0.0.1',
      family: 4,
    });
  });
});

describe('sending to a refused address', () => {
  let server: Server;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('sends nothing to a loopback receiver unless private addresses are allowed, following the name as resolved', async () => {
    const { port } = server.address() as AddressInfo;
    const opts = { timeoutMs: 2000, allowPrivate: false };
    const direct = await sendWebhook(`http://127.0.0.1:${port}/hook`, '{}', 's', opts);
    expect(direct).toMatchObject({
      ok: false,
      status: null,
      error: 'refused: 127.0.0.1 is a loopback address',
      final: true,
    });
    // A name that resolves to loopback: the check is on the address, not on the name.
    const named = await sendWebhook(`http://hooks.example:${port}/hook`, '{}', 's', {
      ...opts,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(named.error).toBe('refused: 127.0.0.1 is a loopback address');
    expect(hits).toBe(0);
    // The same name, allowed: the connection goes to the address the resolver gave.
    const allowed = await sendWebhook(`http://hooks.example:${port}/hook`, '{}', 's', {
      timeoutMs: 2000,
      allowPrivate: true,
      resolve: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    expect(allowed).toMatchObject({ ok: true, status: 200 });
    expect(hits).toBe(1);
  });

  it('speaks TLS to an https address: a receiver answering plain HTTP is a failed delivery, not a 200', async () => {
    const { port } = server.address() as AddressInfo;
    const before = hits;
    const sent = await sendWebhook(`https://127.0.0.1:${port}/hook`, '{}', 's', {
      timeoutMs: 2000,
      allowPrivate: true,
    });
    expect(sent).toMatchObject({ ok: false, status: null, final: false });
    expect(sent.error).toMatch(/^request failed: /);
    expect(hits).toBe(before);
  });
});
