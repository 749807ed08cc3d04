import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { until } from './wait.js';

/** A redis-server of the test's own, on its own port, keeping nothing on disk; resolves once it answers PING. */
export const startRedis = async (port: number): Promise<ChildProcess> => {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  try {
    await until('redis-server answering', async () => {
      const probe = createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        await probe.close();
        return true;
      } catch {
        return false;
      }
    });
  } catch (error) {
    // A server that never answered must not outlive the test.
    server.kill('SIGKILL');
    throw error;
  }
  return server;
};

/** Kills the server (SIGKILL: Redis gone at once, as in a crash) and resolves once it has exited. */
export const stopRedis = (server: ChildProcess): Promise<void> =>
  new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once('exit', () => resolve());
    server.kill('SIGKILL');
  });
