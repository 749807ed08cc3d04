import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { FastifyServerFactory } from 'fastify';
import { describe, expect, it } from 'vitest';
import { serverWithFastPaths, type FastPath } from '../../src/server/fast-paths.js';

/** A fast path whose answers are 1 ms of synchronous work, as an archive page's on SQLite is about half that. */
const busyPath: FastPath = (_req, res) => {
  const end = performance.now() + 1;
  while (performance.now() < end);
  res.writeHead(200, { 'content-length': '2' }).end('ok');
  return true;
};

/**
 * Opens `connections` keep-alive connections at once to a server kept busy by them (each asks again as soon as an
 * answer comes) and gives when each got its first answer, in ms from the start.
 */
const firstAnswers = async (turnBudgetMs: number, connections: number): Promise<number[]> => {
  const factory: FastifyServerFactory = serverWithFastPaths([busyPath], turnBudgetMs);
  const server = factory(() => undefined, {} as never);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets: Socket[] = [];
  const started = performance.now();
  try {
    return await Promise.all(
      Array.from(
        { length: connections },
        () =>
          new Promise<number>((resolve, reject) => {
            const socket = connect(port, '127.0.0.1');
            sockets.push(socket);
            let first: number | null = null;
            const ask = () => socket.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n');
            socket.on('connect', ask);
            socket.on('error', reject);
            socket.on('data', () => {
              if (first === null) {
                first = performance.now() - started;
                resolve(first);
              }
              ask();
            });
          }),
      ),
    );
  } finally {
    for (const s of sockets) s.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
};

describe('the turn budget', () => {
  it('admits connections opened together under load in a fraction of the time an unbounded turn takes', async () => {
    // Unbounded, the n-th connection waits for n turns, each answering every connection accepted before it:
    // some 40 × 41 / 2 ms in all. Bounded, each turn answers about a budget's worth and accepts one more.
    const unbounded = Math.max(...(await firstAnswers(0, 40)));
    const bounded = Math.max(...(await firstAnswers(1.5, 40)));
    expect(unbounded).toBeGreaterThan(300);
    expect(bounded).toBeLessThan(unbounded / 3);
  });
});
