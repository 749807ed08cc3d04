import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { handedOverApps, handOver, wasHandedOver } from './hand-over.js';

/** The other app of these tests: an echo of the body and a hook that marks its answers. */
const echoApp = (closed: string[] = []): FastifyInstance => {
  const other = Fastify();
  other.addHook('onRequest', async (_req, reply) => {
    reply.header('x-answered-by', 'other');
  });
  other.post('/desk/echo', async (req) => ({ got: req.body }));
  other.get('/desk/', async () => 'desk');
  other.addHook('onClose', async () => {
    closed.push('other');
  });
  return other;
};

describe('handOver', () => {
  it('builds the other app at the first request to its addresses, once, however many come at once', async () => {
    const app = Fastify();
    let builds = 0;
    handOver(app, {
      paths: ['/desk/*'],
      build: async () => {
        builds++;
        return echoApp();
      },
    });
    app.get('/', async () => 'home');
    await app.ready();

    expect((await app.inject('/')).body).toBe('home');
    expect(builds).toBe(0);
    const answers = await Promise.all([1, 2, 3].map(() => app.inject('/desk/')));
    expect(answers.map((a) => [a.statusCode, a.body, a.headers['x-answered-by']])).toEqual([
      [200, 'desk', 'other'],
      [200, 'desk', 'other'],
      [200, 'desk', 'other'],
    ]);
    expect((await app.inject('/desk/')).body).toBe('desk');
    expect(builds).toBe(1);
    await app.close();
  });

  it('hands the request over before its body is read, so the other app parses it', async () => {
    const app = Fastify({ bodyLimit: 10 });
    handOver(app, { paths: ['/desk/*'], build: async () => echoApp() });
    await app.ready();
    // Longer than the first app's body limit: only the other app read it.
    const answer = await app.inject({ method: 'POST', url: '/desk/echo', payload: { text: 'a longer body' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ got: { text: 'a longer body' } });
    await app.close();
  });

  it('answers a failed build from the first app, and builds again at the next request', async () => {
    const app = Fastify();
    let builds = 0;
    handOver(app, {
      paths: ['/desk/*'],
      build: async () => {
        if (++builds === 1) throw new Error('not this time');
        return echoApp();
      },
    });
    app.setErrorHandler(async (error: Error, _req, reply) => reply.code(500).send(`first app: ${error.message}`));
    await app.ready();
    const failed = await app.inject('/desk/');
    expect([failed.statusCode, failed.body]).toEqual([500, 'first app: not this time']);
    expect((await app.inject('/desk/')).body).toBe('desk');
    expect(builds).toBe(2);
    await app.close();
  });

  it('marks handed-over requests for the first app’s response hooks, and only those', async () => {
    const app = Fastify();
    const seen: Array<[string, boolean, number]> = [];
    app.addHook('onResponse', async (req, reply) => {
      seen.push([req.url, wasHandedOver(req), reply.statusCode]);
    });
    handOver(app, { paths: ['/desk/*'], build: async () => echoApp() });
    app.get('/', async () => 'home');
    await app.ready();
    await app.inject('/');
    await app.inject('/desk/');
    await app.inject('/desk/nowhere');
    expect(seen).toEqual([
      ['/', false, 200],
      ['/desk/', true, 200],
      ['/desk/nowhere', true, 404],
    ]);
    await app.close();
  });

  it('closes the other app with the first, and lists it with the paths it takes', async () => {
    const closed: string[] = [];
    const app = Fastify();
    handOver(app, { paths: ['/desk/*'], build: async () => echoApp(closed) });
    await app.ready();
    const [listed] = await handedOverApps(app);
    expect(listed!.paths).toEqual(['/desk/*']);
    expect(listed!.app.hasRoute({ method: 'POST', url: '/desk/echo' })).toBe(true);
    await app.close();
    expect(closed).toEqual(['other']);
  });
});
