import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, freePort, spawnOwnProcess, type Exit, type OwnProcess } from '../support/server-process.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;

/** The process's exit, or a failure naming what it was waiting for once `ms` have passed. */
const exitWithin = (server: OwnProcess, ms: number): Promise<Exit> =>
  Promise.race([
    server.exited,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)),
  ]);

/** Whether any process of the group the server started in (its primary and its workers) is still alive. */
const groupAlive = (server: OwnProcess): boolean => {
  try {
    process.kill(-server.child.pid!, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the cluster primary', () => {
  beforeAll(ensureBuilt, 180_000);
  let dataDir: string;
  let server: OwnProcess | undefined;
  let blocker: Server | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-cluster-'));
  });
  afterEach(async () => {
    await server?.stop();
    await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const serveWithTwoWorkers = (port: number) =>
    spawnOwnProcess(process.execPath, [BIN, 'serve'], {
      env: { PORT: String(port), DATELINE_DATA: dataDir, DATELINE_DEMO: '0', DATELINE_WORKERS: '2', LOG_LEVEL: 'info' },
    });

  it('backs off and gives up, with one line and exit code 1, when its workers cannot start', async () => {
    // Another program holds the port, so every worker's listen fails with EADDRINUSE, as it would in production.
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(port, '127.0.0.1', resolve));
    server = serveWithTwoWorkers(port);

    const exit = await exitWithin(server, 90_000);

    const output = server.output();
    expect(exit.code, output).toBe(1);
    expect(output).toContain(`bind EADDRINUSE 127.0.0.1:${port}`);
    expect(output).toMatch(
      /Dateline gave up: 5 workers in a row exited before listening, the last \(pid \d+\) with exit code 1; stopping/,
    );
    // Each slot tried five times at most (the fifth failure ends it all): a bounded number of workers, not hundreds.
    const replaced = output.match(/worker \d+ exited with exit code 1 after [\d.]+ s without listening/g) ?? [];
    expect(replaced.length).toBeGreaterThanOrEqual(4);
    expect(replaced.length).toBeLessThanOrEqual(9);
    const waits = [...output.matchAll(/starting another in ([\d.]+) s/g)].map((m) => Number(m[1]));
    expect([...new Set(waits)]).toEqual([0.5, 1, 2, 4]);
    expect(groupAlive(server)).toBe(false);
  }, 120_000);

  /** The pids of the workers that logged they were listening, once there are `count` of them. */
  const listeningWorkers = async (count: number): Promise<number[]> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pids = [...server!.output().matchAll(/"pid":(\d+)[^\n]*"msg":"Server listening at/g)].map((m) =>
        Number(m[1]),
      );
      if (pids.length >= count) return pids;
      if (Date.now() > deadline) throw new Error(`${count} workers never listened:\n${server!.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('replaces a worker that died after it had listened, half a second later', async () => {
    server = serveWithTwoWorkers(await freePort());
    const [victim] = await listeningWorkers(2);

    process.kill(victim!, 'SIGKILL');
    const pids = await listeningWorkers(3);

    expect(new Set(pids).size).toBe(3);
    expect(server.output()).toMatch(
      new RegExp(`worker ${victim} exited with signal SIGKILL after [\\d.]+ s; starting another in 0.5 s`),
    );
  }, 120_000);

  it('stops every worker on SIGTERM and starts no other', async () => {
    server = serveWithTwoWorkers(await freePort());
    await listeningWorkers(2);

    process.kill(server.child.pid!, 'SIGTERM');
    const exit = await exitWithin(server, 30_000);

    expect(exit.code, server.output()).toBe(0);
    expect(server.output()).not.toContain('exited with');
    expect(groupAlive(server)).toBe(false);
  }, 120_000);
});
