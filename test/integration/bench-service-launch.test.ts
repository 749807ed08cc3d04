import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readServiceLaunch } from '../../bench/service-launch.js';

const unit = (lines: string[]): string => ['[Service]', 'Type=simple', ...lines].join('\n');

describe("the bench's servers launch as the shipped systemd unit launches Dateline", () => {
  it("reads the unit's node flags and environment", () => {
    const launch = readServiceLaunch();
    expect(launch.nodeArgs).toContain('--v8-pool-size=1');
    expect(launch.env).toEqual({ MALLOC_ARENA_MAX: '2' });
  });

  it('gives flags this node takes, and a process launched with them runs fewer threads (Linux)', () => {
    const { nodeArgs, env } = readServiceLaunch();
    // A node that refuses a flag exits with "bad option" before running anything.
    const threads = (args: string[]): number =>
      Number(
        execFileSync(
          process.execPath,
          [...args, '-e', 'console.log(require("fs").readdirSync("/proc/self/task").length)'],
          {
            env: { ...process.env, ...env },
            encoding: 'utf8',
          },
        ),
      );
    // Node's own four V8 helper threads against the unit's one.
    expect(threads([])).toBe(threads(nodeArgs) + 3);
  });

  it('reads flags and several settings in the forms a unit writes them', () => {
    const launch = readServiceLaunch(
      unit([
        'Environment=MALLOC_ARENA_MAX=2',
        'Environment=UV_THREADPOOL_SIZE=2',
        'ExecStart=/usr/local/bin/node --v8-pool-size=1 --max-semi-space-size=4 bin/dateline.js serve',
      ]),
    );
    expect(launch).toEqual({
      nodeArgs: ['--v8-pool-size=1', '--max-semi-space-size=4'],
      env: { MALLOC_ARENA_MAX: '2', UV_THREADPOOL_SIZE: '2' },
    });
    expect(readServiceLaunch(unit(['ExecStart=/usr/bin/node bin/dateline.js serve']))).toEqual({
      nodeArgs: [],
      env: {},
    });
  });

  it('refuses a unit it would have to guess at, naming the line', () => {
    expect(() => readServiceLaunch(unit([]))).toThrow('expected one ExecStart= line, found 0');
    expect(() => readServiceLaunch(unit(['ExecStart=/usr/bin/npm start']))).toThrow('is not "node [flags]');
    expect(() => readServiceLaunch(unit(['ExecStart=/usr/bin/node bin/dateline.js import x.xml']))).toThrow(
      'is not "node [flags] bin/dateline.js serve"',
    );
    expect(() => readServiceLaunch(unit(['ExecStart=/usr/bin/node -r ./x.js bin/dateline.js serve']))).toThrow(
      '"-r" on ExecStart= is not a node flag',
    );
    expect(() =>
      readServiceLaunch(unit(['Environment="A=1 B=2"', 'ExecStart=/usr/bin/node bin/dateline.js serve'])),
    ).toThrow('expected Environment=NAME=value, found Environment="A=1 B=2"');
  });
});
