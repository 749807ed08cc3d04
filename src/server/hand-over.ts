import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Addresses answered by an app of their own, built at the first request to one of them. */
export interface HandOver {
  /** Route paths of the app they are handed over from (`/newsroom`, `/newsroom/*`), every method. */
  paths: readonly string[];
  /** Builds the app (routes registered, not yet ready): once, and again only after a build that failed. */
  build: () => Promise<FastifyInstance>;
}

/** Requests handed to another app, which answers them and writes their log lines. */
const handed = new WeakSet<FastifyRequest>();

/** Whether another app answered this request (and logged it): its own app's response hook passes over it. */
export const wasHandedOver = (req: FastifyRequest): boolean => handed.has(req);

/** Each app's hand-overs, for tests that list every route a process answers (`handedOverApps`). */
const handOversOf = new WeakMap<
  FastifyInstance,
  Array<{ paths: readonly string[]; ready: () => Promise<FastifyInstance> }>
>();

/**
 * Registers `over.paths` on `app` so that their requests are answered by the app `over.build` makes, built and made
 * ready at the first such request. A reader process that is never asked for them never evaluates their modules nor
 * registers their routes: Fastify cannot add routes once an app is ready, so they live in an app of their own
 * (docs/architecture/0030-cold-start-and-memory.md, "Later: the newsroom on first use").
 *
 * The request is handed over in the route's `onRequest`, before any body is read, as the raw request and response
 * Node gave: the other app routes it as if it had come to it, with its own hooks, body parsers and error handler.
 * Its `onResponse` writes the request's log line, so the request log passes over such requests in this app
 * (request-log.ts); a request whose app could not be built is answered (500) and logged here.
 */
export const handOver = (app: FastifyInstance, over: HandOver): void => {
  let built: Promise<FastifyInstance> | undefined;
  const ready = (): Promise<FastifyInstance> =>
    (built ??= over
      .build()
      .then(async (other) => {
        await other.ready();
        return other;
      })
      .catch((err: unknown) => {
        // The request that met the failure gets its 500 from the error handler; the next one tries again.
        built = undefined;
        throw err;
      }));

  const forward = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const other = await ready();
    handed.add(req);
    reply.hijack();
    other.routing(req.raw, reply.raw);
  };
  const unreachable = async (): Promise<never> => {
    throw new Error('a handed-over request reached its forwarding route');
  };
  for (const url of over.paths) app.all(url, { onRequest: forward }, unreachable);

  app.addHook('onClose', async () => {
    const other = await built?.catch(() => undefined);
    await other?.close();
  });
  handOversOf.set(app, [...(handOversOf.get(app) ?? []), { paths: over.paths, ready }]);
};

/** The apps `app` hands requests over to, each built and ready, with the route paths it hands them. */
export const handedOverApps = (
  app: FastifyInstance,
): Promise<Array<{ paths: readonly string[]; app: FastifyInstance }>> =>
  Promise.all((handOversOf.get(app) ?? []).map(async ({ paths, ready }) => ({ paths, app: await ready() })));
