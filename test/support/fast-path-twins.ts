import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { Worker } from '../../src/server/compose-worker.js';

/** Two workers built alike, listening on loopback: one with the fast paths in front, one without. */
export interface FastPathTwins {
  /** Listens as `dateline serve` does: fast paths (src/server/fast-paths.ts) before Fastify. */
  fastPort: number;
  /** Every request goes to Fastify's own handler: what the fast paths must answer exactly like. */
  plainPort: number;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/**
 * Starts both workers and listens with each; `seenByFastify` hears every request Fastify's hooks see on the fast
 * one, so a test can tell which requests the fast paths took. close() stops the listeners and the workers.
 */
export const listenAsTwins = async (
  fast: Worker,
  plain: Worker,
  seenByFastify: (req: FastifyRequest) => void,
): Promise<FastPathTwins> => {
  fast.app.addHook('onRequest', (req, _reply, done) => {
    seenByFastify(req);
    done();
  });
  await fast.start();
  const fastPort = await listen(fast.app.server);
  await plain.start();
  const plainServer = createServer((req, res) => plain.app.routing(req, res));
  const plainPort = await listen(plainServer);
  return {
    fastPort,
    plainPort,
    close: async () => {
      await new Promise((resolve) => plainServer.close(resolve));
      await fast.close();
      await plain.close();
    },
  };
};
