import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstPage, spawnOwnProcess, type OwnProcess } from './server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One `dateline serve` node (the build in dist/, as operators run it), kept across a kill and a restart. */
export interface DatelineNode {
  name: string;
  port: number;
  base: string;
  process: OwnProcess;
  /** What every life of the node wrote, this one's included. */
  output(): string;
  /** SIGKILL to its whole process group, as `kill -9` on a crashed machine; resolves once it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and environment; resolves when it spawned (not when it serves). */
  restart(): void;
  stop(): Promise<void>;
}

export const startNode = (name: string, port: number, env: Record<string, string>): DatelineNode => {
  const lives: OwnProcess[] = [];
  const spawnLife = () => {
    const life = spawnOwnProcess(process.execPath, ['bin/dateline.js', 'serve'], {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
    });
    lives.push(life);
    return life;
  };
  const node: DatelineNode = {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    process: spawnLife(),
    output: () => lives.map((l) => l.output()).join('\n'),
    async kill() {
      try {
        process.kill(-node.process.child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
      await node.process.exited;
    },
    restart() {
      node.process = spawnLife();
    },
    async stop() {
      await Promise.all(lives.map((l) => l.stop()));
    },
  };
  return node;
};

/** Resolves once the node says it is ready (/readyz 200), with how long that took. */
export const nodeReady = async (node: DatelineNode, withinMs: number): Promise<number> =>
  (await firstPage(`${node.base}/readyz`, withinMs)).ms;

/**
 * varnishd in the foreground with the operators' VCL (docs/deploy/varnish.vcl), its two backends pointed at the
 * given ports, listening on `port`, its working files in `dir`.
 */
export const startVarnish = (dir: string, port: number, backends: [number, number]): ChildProcess => {
  const vcl = readFileSync(join(ROOT, 'docs/deploy/varnish.vcl'), 'utf8')
    .replace('"3001"', `"${backends[0]}"`)
    .replace('"3002"', `"${backends[1]}"`);
  writeFileSync(join(dir, 'test.vcl'), vcl);
  return spawn(
    'varnishd',
    ['-F', '-j', 'none', '-a', `127.0.0.1:${port}`, '-f', join(dir, 'test.vcl'), '-n', join(dir, 'varnish')].concat([
      '-s',
      'malloc,64m',
    ]),
    { stdio: 'ignore' },
  );
};
