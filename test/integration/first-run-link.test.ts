import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dom } from '../support/html.js';
import { ensureBuilt, firstPage, freePort, spawnOwnProcess, type OwnProcess } from '../support/server-process.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;

describe('the first start of a server reachable from other machines', () => {
  beforeAll(ensureBuilt, 180_000);
  let server: OwnProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints a one-time link whose code the setup page carries', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dateline-first-run-'));
    const port = await freePort();
    server = spawnOwnProcess(process.execPath, [BIN, 'serve'], {
      env: { DATELINE_DATA: dir, HOST: '0.0.0.0', PORT: String(port), DATELINE_DEMO: '0', LOG_LEVEL: 'warn' },
    });
    await firstPage(`http://127.0.0.1:${port}/`, 30_000);
    const link = /Open http:\/\/[^/\s]+(\/newsroom\/setup\?code=([A-Za-z0-9_-]+))/.exec(server.output());
    expect(link, server.output()).not.toBeNull();
    const { html } = await firstPage(`http://127.0.0.1:${port}${link![1]}`, 5_000);
    const field = dom(html).querySelector('input[name="code"]');
    expect([field?.getAttribute('type'), field?.getAttribute('value')]).toEqual(['hidden', link![2]]);
  });
});
