import type { AddressInfo } from 'node:net';
import { connect, type Socket } from 'node:net';
import type { FastifyServerFactory } from 'fastify';
import { describe, expect, it } from 'vitest';
import { serverWithFastPaths, type FastPath } from '../../src/server/fast-paths.js';

/**
 * Opens `connections` keep-alive connections at once to a server kept busy by them (each asks again as soon as an
 * answer comes) and gives, for each, how many answers the server had sent to any connection when it got its first.
 * Counting answers rather than milliseconds keeps the measure the same on a machine busy with other tests: each
 * answer is 1 ms of synchronous work (an archive page's on SQLite is about half that) however long it takes.
 */
const firstAnswers = async (turnBudgetMs: number, connections: number): Promise<number[]> => {
  let answered = 0;
  const busyPath: FastPath = (_req, res) => {
    const end = performance.now() + 1;
    while (performance.now() < end);
    answered += 1;
    res.writeHead(200, { 'content-length': '2' }).end('ok');
    return true;
  };
  const factory: FastifyServerFactory = serverWithFastPaths([busyPath], turnBudgetMs);
  const server = factory(() => undefined, {} as never);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const sockets: Socket[] = [];
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
                first = answered;
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
  it('admits connections opened together under load after a fraction of the answers an unbounded turn gives first', async () => {
    // Unbounded, a connection waits for turns that each answer every connection accepted before it: 440 answers
    // before the last one's first, here, on an idle machine or a busy one. Bounded, each turn answers about a
    // budget's worth and accepts one more: about 80.
    const unbounded = Math.max(...(await firstAnswers(0, 40)));
    const bounded = Math.max(...(await firstAnswers(1.5, 40)));
    expect(unbounded).toBeGreaterThan(300);
    expect(bounded).toBeLessThan(unbounded / 3);
  });
});
