import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface OwnProcess {
  child: ChildProcess;
  /** Everything it wrote so far, standard output and error interleaved as they came. */
  output(): string;
  exited: Promise<Exit>;
  /** SIGTERM to its whole process group (npm, its shell and node), then SIGKILL if it lingers. */
  stop(): Promise<Exit>;
}

/**
 * Starts a command in a process group of its own: `npm start` runs node under a shell, and a signal sent to npm
 * alone would leave the server behind.
 */
export const spawnOwnProcess = (
  command: string,
  args: string[],
  options: { cwd?: string; env: Record<string, string> },
): OwnProcess => {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  const stop = async () => {
    signalGroup('SIGTERM');
    const late = setTimeout(() => signalGroup('SIGKILL'), 10_000);
    const exit = await exited;
    clearTimeout(late);
    // Workers or a shell may outlive the process we started; nothing of the group may stay behind.
    signalGroup('SIGKILL');
    return exit;
  };
  return { child, output: () => text, exited, stop };
};

/** Asks for `url` until it answers 200; gives the time that took and the page, or fails after `withinMs`. */
export const firstPage = async (url: string, withinMs: number): Promise<{ ms: number; html: string }> => {
  const started = performance.now();
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return { ms: performance.now() - started, html: await response.text() };
    } catch {
      // not listening yet
    }
    if (performance.now() - started > withinMs) throw new Error(`${url} did not answer within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
