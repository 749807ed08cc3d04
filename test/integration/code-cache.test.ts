import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPage, freePort, ownServerTests, spawnOwnProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * A project of its own for this test: bin/dateline.js and the bundle copied (the launcher finds the bundle, and keeps
 * its code cache, beside itself), everything else linked to the real project. The test writes a damaged cache, and
 * other files start servers from the shared dist/bundle at the same time: here no server of theirs can read it.
 */
const ownInstall = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'dateline-code-cache-install-'));
  for (const name of readdirSync(ROOT))
    if (!['bin', 'dist', '.git'].includes(name)) symlinkSync(join(ROOT, name), join(root, name));
  mkdirSync(join(root, 'bin'));
  copyFileSync(join(ROOT, 'bin/dateline.js'), join(root, 'bin/dateline.js'));
  mkdirSync(join(root, 'dist/bundle'), { recursive: true });
  for (const name of readdirSync(join(ROOT, 'dist')))
    if (name !== 'bundle') symlinkSync(join(ROOT, 'dist', name), join(root, 'dist', name));
  copyFileSync(join(ROOT, 'dist/bundle/dateline.cjs'), join(root, 'dist/bundle/dateline.cjs'));
  return root;
};

describe('the compiled code kept between starts', () => {
  const own = ownServerTests();
  let install = '';
  // After ownServerTests' beforeAll, which builds the bundle when stale.
  beforeAll(() => {
    install = ownInstall();
  });
  afterAll(() => {
    if (install) rmSync(install, { recursive: true, force: true });
  });

  const bundleDir = () => join(install, 'dist/bundle');
  /** The code caches beside the server bundle (bin/dateline.js names each after the bundle's size and time). */
  const caches = () => readdirSync(bundleDir()).filter((name) => /^dateline\.cjs\.[0-9a-f]{16}\.cache$/.test(name));

  const serve = async () => {
    const dir = (own.dir ??= mkdtempSync(join(tmpdir(), 'dateline-code-cache-')));
    const port = await freePort();
    own.server = spawnOwnProcess(process.execPath, [join(install, 'bin/dateline.js'), 'serve'], {
      env: { DATELINE_DATA: dir, PORT: String(port), DATELINE_DEMO: '0', DATELINE_WORKERS: '1', LOG_LEVEL: 'warn' },
    });
    await firstPage(`http://127.0.0.1:${port}/`, 30_000);
    return own.server;
  };

  it('is written by a server a few seconds after it starts, taken by the next, and a damaged one is replaced, not trusted', async () => {
    expect(caches()).toEqual([]);
    const first = await serve();
    await until('a code cache written', () => caches().length === 1);
    const [name] = caches();
    await first.stop();
    own.server = undefined;

    // The next start takes it: a cache turned down is written again, at the latest at the stop. Written while the
    // young generation was let grow, it was turned down at every start (V8 tags it with its flags, that one's
    // growth factor among them).
    const written = statSync(join(bundleDir(), name!));
    const again = await serve();
    await again.stop();
    own.server = undefined;
    const after = statSync(join(bundleDir(), name!));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);

    // Bytes V8 cannot use, under the right name: the next start compiles as if there were none, and writes a good one.
    const garbage = Buffer.alloc(readFileSync(join(bundleDir(), name!)).byteLength, 7);
    writeFileSync(join(bundleDir(), name!), garbage);
    const second = await serve();
    await until('the damaged cache replaced', () => !readFileSync(join(bundleDir(), name!)).equals(garbage));
    expect(caches()).toEqual([name]);
    expect(second.output()).toBe('');
  }, 90_000);
});
