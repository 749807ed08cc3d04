// `npm run dev`: the server from the TypeScript sources, restarted by `tsx watch` when a file it loaded changes,
// and the newsroom's browser bundle rebuilt by esbuild on change (the server restarts for that too: it reads and
// fingerprints static/ once at start). Nothing here type-checks: `npm run typecheck` or the editor does that.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { CLIENT_BUNDLE } from './client-bundle.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
process.chdir(root);

let firstBundle;
const bundled = new Promise((resolve) => (firstBundle = resolve));
const bundler = await context({
  ...CLIENT_BUNDLE,
  logLevel: 'info',
  plugins: [{ name: 'first-bundle', setup: (build) => build.onEnd(() => firstBundle()) }],
});
await bundler.watch();
// The server starts after the first bundle is written; started before, it would restart at once for that write.
await bundled;

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const server = spawn(
  process.execPath,
  [tsx, 'watch', '--clear-screen=false', '--include', 'static/*', 'scripts/dev-serve.mjs'],
  { stdio: 'inherit' },
);

let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  server.kill('SIGTERM');
  await bundler.dispose();
};
server.once('exit', (code) => void stop(code ?? 1));
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
