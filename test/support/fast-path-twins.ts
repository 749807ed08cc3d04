import { createServer, request, type Server } from 'node:http';
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

/** One answer as the client received it. */
export interface Answer {
  status: number;
  /** Raw header lines in the order sent, less Date (the one that differs by the second). */
  headers: [string, string][];
  body: Buffer;
}

/** Sends one request on a new connection and reads the whole answer. */
export const send = (
  port: number,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const lines: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          if (res.rawHeaders[i]!.toLowerCase() !== 'date') lines.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        }
        resolve({ status: res.statusCode!, headers: lines, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });

/** A header of an answer, by its lower-case name. */
export const headerOf = (a: Answer, name: string) => a.headers.find(([n]) => n.toLowerCase() === name)?.[1];
