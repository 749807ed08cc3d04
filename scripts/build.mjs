// Builds the server (tsc into dist/) and the newsroom's browser bundle (static/). With --if-stale it builds only
// when an input changed since the last successful build: `npm start` runs it that way, so a restart costs about a
// second instead of the 15-30 s of a full tsc run. `tsc --incremental` was measured as the alternative and still
// took 5 s of CPU (14 s on a busy two-core machine) to find nothing to do; listing the inputs takes milliseconds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const STAMP = join(root, 'dist', '.build-stamp');
/** What a build must leave behind; when one is missing the build is stale whatever the stamp says. */
const OUTPUTS = ['dist/cli/dateline.js', 'dist/bundle/dateline.cjs', 'static/newsroom-editor.js'];
/** Everything the build reads besides src/: its configuration, its scripts and the installed dependencies. */
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'tsconfig.client.json',
  'scripts/build.mjs',
  'scripts/build-client.mjs',
  'scripts/client-bundle.mjs',
  'scripts/build-server-bundle.mjs',
];
// Tests are left out of dist/, so editing one is no reason to rebuild.
const isTestFile = (name) => /\.test\.tsx?$/.test(name);

const sourceFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && !isTestFile(entry.name) ? [path] : [];
  });

/**
 * The inputs' names, sizes and modification times in one hash. Names catch a deleted or renamed file (which leaves
 * the newest time unchanged); sizes and times catch an edit, a checkout and a dependency install.
 */
const inputsFingerprint = () => {
  const paths = [...sourceFiles(join(root, 'src')), ...INPUT_FILES.map((f) => join(root, f)).filter(existsSync)];
  const hash = createHash('sha256');
  for (const path of paths.sort()) {
    const { size, mtimeMs } = statSync(path);
    hash.update(`${relative(root, path)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
};

const readStamp = () => {
  try {
    return readFileSync(STAMP, 'utf8').trim();
  } catch {
    return null;
  }
};

const isFresh = (fingerprint) =>
  readStamp() === fingerprint && OUTPUTS.every((output) => existsSync(join(root, output)));

const run = (script, args) => {
  const { status } = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  // A build that could not even start (status and signal both null) failed too.
  if (status !== 0) process.exit(status || 1);
};

// The fingerprint is taken before building: a file saved while tsc runs then makes the next start build again.
const fingerprint = inputsFingerprint();
if (process.argv.includes('--if-stale') && isFresh(fingerprint)) {
  process.stdout.write('build: up to date (no source changed since the last build)\n');
  process.exit(0);
}
if (process.argv.includes('--if-stale'))
  process.stdout.write('build: sources changed since the last build; building\n');
// A build that fails half-way must not leave the old stamp vouching for a half-written dist/.
rmSync(STAMP, { force: true });
run(createRequire(import.meta.url).resolve('typescript/bin/tsc'), ['-p', 'tsconfig.build.json']);
run(join(root, 'scripts', 'build-server-bundle.mjs'), []);
run(join(root, 'scripts', 'build-client.mjs'), []);
writeFileSync(STAMP, `${fingerprint}\n`);
