import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import { loadConfig } from '../../src/config.js';
import { startWorker, type RunningServer } from '../../src/server/main.js';
import { signIn } from '../../src/services/accounts.js';
import { createStorage } from '../../src/storage/database.js';

const run = promisify(execFile);
const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;
const fixture = (name: string) => new URL(`../fixtures/pages/${name}.txt`, import.meta.url).pathname;

const PAGE = [
  'Museum Opens a Gallery of Old Railway Clocks',
  '10:15 JST, February 3, 2026',
  'A small museum near the old freight yard opened a room of station clocks on Tuesday.',
  'Volunteers spent two years repairing the mechanisms.',
  'Top Articles in Culture',
  '-',
  'Another headline',
].join('\n');

const captured = (env: Record<string, string>) => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) } };
};

describe('the dateline command', () => {
  let dataDir: string;
  let pageFile: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
    pageFile = join(dataDir, 'page.txt');
    writeFileSync(pageFile, PAGE);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports a page and prints its URL path as the last line', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    expect(await runCli(['import-page', pageFile], c.io)).toBe(0);
    expect(c.out.at(-1)).toMatch(/^\/culture\/20260203-\d+\/$/);
  });

  it('reports the file and line of a problem, says nothing was written, and exits 1', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    expect(await runCli(['import-page', fixture('february-30')], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/february-30\.txt:2: /);
    expect(c.err).toContain('Nothing was written.');
  });

  it('explains a missing file without a stack trace', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    expect(await runCli(['import-page', join(dataDir, 'missing.txt'), '--section', 'culture'], c.io)).toBe(1);
    expect(c.err[0]).toContain('no such file');
    expect(c.err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it.each([
    [['import-page'], 'exactly one FILE'],
    [['import-page', 'a', 'b'], 'exactly one FILE'],
    [['import-page', 'a', '--colour', 'red'], 'Unknown option'],
    [['import-page', 'a', '--photo', 'p.jpg'], '--alt'],
    [['frobnicate'], 'unknown command'],
  ])('answers the bad call %j with usage and exit code 2', async (argv, message) => {
    const c = captured({ DATELINE_DATA: dataDir });
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.err.join('\n')).toContain(message);
    expect(c.err.join('\n')).toContain('Usage: dateline');
  });

  it('refuses a bad environment with a clear message', async () => {
    const c = captured({ DATELINE_DATA: dataDir, DATABASE_URL: 'mysql://nope' });
    expect(await runCli(['import-page', pageFile], c.io)).toBe(2);
    expect(c.err[0]).toContain('DATABASE_URL');
  });

  it('adds a newsroom account with the password from standard input, never from an argument', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    const io = { ...c.io, readSecret: async () => 'a long enough password' };
    expect(
      await runCli(
        ['user', 'add', '--email', 'Writer@Example.com', '--name', 'Wren Writer', '--role', 'contributor'],
        io,
      ),
    ).toBe(0);
    expect(c.out.at(-1)).toBe('Created contributor Wren Writer <writer@example.com>.');
  });

  it('refuses a weak password or an unknown role with messages per field, writing nothing', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    const io = { ...c.io, readSecret: async () => 'short' };
    expect(await runCli(['user', 'add', '--email', 'x@example.com', '--name', 'X', '--role', 'boss'], io)).toBe(1);
    expect(c.err).toContain('user add: role: Choose contributor, editor or admin.');
    expect(c.err).toContain('user add: password: Use at least 12 characters.');
  });

  it('sets a new password for an account, which then signs in with it, and refuses an unknown email', async () => {
    const c = captured({ DATELINE_DATA: dataDir });
    const add = { ...c.io, readSecret: async () => 'the first password' };
    expect(
      await runCli(['user', 'add', '--email', 'owner2@example.com', '--name', 'Oona Owner', '--role', 'admin'], add),
    ).toBe(0);
    const reset = { ...c.io, readSecret: async () => 'a brand new password' };
    expect(await runCli(['user', 'password', '--email', 'Owner2@example.com'], reset)).toBe(0);
    expect(c.out.at(-1)).toBe(
      'Set a new password for Oona Owner <owner2@example.com>; their sessions were signed out.',
    );
    const storage = createStorage(loadConfig({ DATELINE_DATA: dataDir }));
    try {
      expect((await signIn(storage.db, 'owner2@example.com', 'a brand new password', '127.0.0.9')).ok).toBe(true);
      expect((await signIn(storage.db, 'owner2@example.com', 'the first password', '127.0.0.9')).ok).toBe(false);
    } finally {
      await storage.close();
    }
    const weak = captured({ DATELINE_DATA: dataDir });
    expect(
      await runCli(['user', 'password', '--email', 'owner2@example.com'], {
        ...weak.io,
        readSecret: async () => 'short',
      }),
    ).toBe(1);
    expect(weak.err).toEqual(['user password: Use at least 12 characters.', 'Nothing was written.']);
    const nobody = captured({ DATELINE_DATA: dataDir });
    expect(await runCli(['user', 'password', '--email', 'nobody@example.com'], reset)).toBe(1);
    expect(await runCli(['user', 'password'], { ...nobody.io, readSecret: reset.readSecret })).toBe(2);
    expect(nobody.err.join('\n')).toContain('user password needs --email');
  });

  it('reads the password from piped standard input through the real executable', async () => {
    const child = execFile(
      process.execPath,
      [BIN, 'user', 'add', '--email', 'pipe@example.com', '--name', 'Pip', '--role', 'editor'],
      {
        env: { ...process.env, DATELINE_DATA: dataDir },
      },
    );
    child.stdin!.end('piped password 123\n');
    const out = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (d) => {
        text += d;
      });
      child.on('close', () => resolve(text));
    });
    expect(out).toContain('Created editor Pip <pipe@example.com>.');
  });

  describe('while the server runs', () => {
    let server: RunningServer;
    let liveDir: string;
    beforeAll(async () => {
      liveDir = mkdtempSync(join(tmpdir(), 'dateline-live-'));
      server = await startWorker(loadConfig({ DATELINE_DATA: liveDir, PORT: '0', LOG_LEVEL: 'silent' }));
    });
    afterAll(async () => {
      await server?.close();
      rmSync(liveDir, { recursive: true, force: true });
    });

    // The server polls for content changes every half second; the deadline leaves room for a busy machine.
    it('imports through the real executable and the running server shows the article without a restart', async () => {
      const { stdout } = await run(process.execPath, [BIN, 'import-page', pageFile], {
        env: { ...process.env, DATELINE_DATA: liveDir },
      });
      const path = stdout.trim().split('\n').at(-1)!;
      expect(path).toMatch(/^\/culture\/20260203-\d+\/$/);
      const deadline = Date.now() + 3000;
      let status = 0;
      while (Date.now() < deadline) {
        status = (await fetch(server.url + path)).status;
        if (status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
    });
  });
});
