import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstPage, freePort, ownServerTests, spawnOwnProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';

const BIN = new URL('../../bin/dateline.js', import.meta.url).pathname;
const BUNDLE_DIR = new URL('../../dist/bundle/', import.meta.url).pathname;

/** The code caches beside the server bundle (bin/dateline.js names each after the bundle's text). */
const caches = () => readdirSync(BUNDLE_DIR).filter((name) => /^dateline\.cjs\.[0-9a-f]{16}\.cache$/.test(name));

describe('the compiled code kept between starts', () => {
  const own = ownServerTests();

  const serve = async () => {
    const dir = (own.dir ??= mkdtempSync(join(tmpdir(), 'dateline-code-cache-')));
    const port = await freePort();
    own.server = spawnOwnProcess(process.execPath, [BIN, 'serve'], {
      env: { DATELINE_DATA: dir, PORT: String(port), DATELINE_DEMO: '0', DATELINE_WORKERS: '1', LOG_LEVEL: 'warn' },
    });
    await firstPage(`http://127.0.0.1:${port}/`, 30_000);
    return own.server;
  };

  it('is written by a server a few seconds after it starts, and a damaged one is replaced, not trusted', async () => {
    for (const name of caches()) rmSync(join(BUNDLE_DIR, name), { force: true });
    const first = await serve();
    await until('a code cache written', () => caches().length === 1);
    const [name] = caches();
    await first.stop();
    own.server = undefined;

    // Bytes V8 cannot use, under the right name: the next start compiles as if there were none, and writes a good one.
    const garbage = Buffer.alloc(readFileSync(join(BUNDLE_DIR, name!)).byteLength, 7);
    writeFileSync(join(BUNDLE_DIR, name!), garbage);
    const second = await serve();
    await until('the damaged cache replaced', () => !readFileSync(join(BUNDLE_DIR, name!)).equals(garbage));
    expect(caches()).toEqual([name]);
    expect(second.output()).toBe('');
  }, 90_000);
});
