import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, firstPage, freePort, spawnOwnProcess, type OwnProcess } from '../support/server-process.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/dateline.js');

/**
 * Plugins and themes through the built launcher, as an operator runs it: the bundle runs as a vm.Script without an
 * import() of its own, so plugins come in through the launcher's (bin/dateline.js); the source-level tests cannot
 * see that path.
 */
describe('plugins and a theme in the built server', () => {
  let dataDir: string;
  let server: OwnProcess | undefined;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-extensions-'));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads plugins by path and a theme folder, renders the slot, mounts the route and links the CSS', async () => {
    const port = await freePort();
    server = spawnOwnProcess(process.execPath, [BIN, 'serve'], {
      cwd: ROOT,
      env: {
        PORT: String(port),
        DATELINE_DATA: dataDir,
        DATELINE_DEMO: '0',
        LOG_LEVEL: 'warn',
        DATELINE_PLUGINS:
          './test/fixtures/plugins/footer-note.mjs,./examples/plugin-sponsor/index.mjs,dateline/plugins/consent',
        DATELINE_THEME: './examples/theme-broadsheet',
      },
    });
    const { html } = await firstPage(`http://127.0.0.1:${port}/`, 30_000);
    expect(html).toContain('<p class="footer-note">Footer note on a home page</p>');
    expect(html).toContain('broadsheet-masthead');
    // A bundled plugin by its package name, resolved from the working folder as an installed package would be.
    expect(html).toContain('id="dl-consent"');
    const css = /<link rel="stylesheet" href="(\/static\/theme-[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${port}${css}`)).status).toBe(200);
    const ping = await fetch(`http://127.0.0.1:${port}/plugins/footer-note/ping`);
    expect(await ping.json()).toEqual({ pong: true });
    expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(404);
  });

  it.each([
    [
      './test/fixtures/plugins/throws-on-load.mjs',
      'plugin "./test/fixtures/plugins/throws-on-load.mjs": plugin failed to load: FOOTER_NOTE_KEY is not set',
    ],
    ['./test/fixtures/plugins/missing.mjs', 'plugin "./test/fixtures/plugins/missing.mjs": plugin failed to load'],
    ['no-such-dateline-plugin', 'plugin "no-such-dateline-plugin": plugin not found'],
  ])('stops the start with one line naming %s and the reason, before touching the data folder', async (spec, line) => {
    const folder = mkdtempSync(join(tmpdir(), 'dateline-extensions-bad-'));
    try {
      const failed = await run(process.execPath, [BIN, 'serve'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(await freePort()), DATELINE_DATA: folder, DATELINE_PLUGINS: spec },
      }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code).toBe(1);
      expect(failed?.stderr).toContain(`dateline: ${line}`);
      expect(failed?.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
