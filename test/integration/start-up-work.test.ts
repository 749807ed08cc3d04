import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  firstPage,
  freePort,
  ownServerTests,
  probeLine,
  spawnOwnProcess,
  type OwnProcess,
} from '../support/server-process.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;
const PROBE = new URL('../support/start-work-probe.cjs', import.meta.url).pathname;

interface StartWork {
  undici: boolean;
  nql: boolean;
  formData: string;
}

/** What the probe in the server reports when sent SIGUSR2. */
const startWork = (server: OwnProcess): Promise<StartWork> => probeLine<StartWork>(server, 'start-work');

// What a cold start no longer does (docs/architecture/0030-cold-start-and-memory.md).
describe.skipIf(!existsSync('/proc/self/maps'))('a serving process at start', () => {
  const own = ownServerTests();

  it("answers readers and the newsroom without loading undici or Ghost's filter parser, and FormData still loads undici when used", async () => {
    const dir = (own.dir = mkdtempSync(join(tmpdir(), 'dateline-start-work-')));
    const port = await freePort();
    const server = (own.server = spawnOwnProcess(process.execPath, [BIN, 'serve'], {
      env: {
        DATELINE_DATA: dir,
        PORT: String(port),
        DATELINE_WORKERS: '1',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: `--require ${PROBE}`,
      },
    }));
    const base = `http://127.0.0.1:${port}`;
    await firstPage(`${base}/`, 30_000);
    // The newsroom's and the Admin API's multipart parsers are registered by now.
    expect((await fetch(`${base}/newsroom/login`)).status).toBe(200);
    expect(await startWork(server)).toEqual({ undici: false, nql: false, formData: '[object FormData]' });
    expect((await startWork(server)).undici).toBe(true);
  }, 60_000);
});
