import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressOf } from './client-address.js';

/** A Fastify app trusting `hops` proxies as app.ts configures it, answering with req.ip and clientAddressOf's. */
const echo = (hops: number): FastifyInstance => {
  const app = Fastify({ trustProxy: hops ? (_address: string, hop: number) => hop < hops : false });
  app.get('/', async (req) => ({ fastify: req.ip, ours: clientAddressOf(req.raw, hops) }));
  return app;
};

describe('clientAddressOf', () => {
  const apps = [0, 1, 2, 3].map(echo);
  beforeAll(() => Promise.all(apps.map((a) => a.ready())));
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  const ask = async (hops: number, forwardedFor: string | undefined, remoteAddress = '10.0.0.1') =>
    (
      await apps[hops]!.inject({
        url: '/',
        remoteAddress,
        headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
      })
    ).json<{ fastify: string; ours: string }>();

  it('takes the address as many places back as there are trusted proxies', async () => {
    expect((await ask(0, '203.0.113.1, 198.51.100.2')).ours).toBe('10.0.0.1');
    expect((await ask(1, '203.0.113.1, 198.51.100.2')).ours).toBe('198.51.100.2');
    expect((await ask(2, '203.0.113.1, 198.51.100.2')).ours).toBe('203.0.113.1');
    expect((await ask(3, '203.0.113.1, 198.51.100.2')).ours).toBe('203.0.113.1');
    expect((await ask(1, undefined)).ours).toBe('10.0.0.1');
  });

  it("agrees with Fastify's req.ip for any X-Forwarded-For and number of proxies", async () => {
    const piece = fc.constantFrom(
      '203.0.113.7',
      '2001:db8::1',
      'junk',
      '',
      ' ',
      '\t',
      ',',
      ', ',
      ' ,',
      '\u00a0',
      'a b',
    );
    const header = fc.option(
      fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(header, fc.integer({ min: 0, max: 3 }), async (forwardedFor, hops) => {
        const { fastify, ours } = await ask(hops, forwardedFor);
        expect(ours).toBe(fastify);
      }),
      { numRuns: 400 },
    );
  });
});
