#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the prepare script), `npm run build` rebuilds it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/dateline.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dateline: the project is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
const command = process.argv[2] ?? 'serve';
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// `serve` returns once listening and keeps the process alive; every other command ends here.
if (command !== 'serve' || code !== 0) process.exitCode = code;
