#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the prepare script), `npm start` rebuilds it when a source changed,
// `npm run build` always.
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

// The server and CLI bundled into one file by the build (scripts/build-server-bundle.mjs): one file to load at start.
const entry = new URL('../dist/bundle/dateline.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('dateline: the project is not built yet; run `npm run build` first.\n');
  process.exit(1);
}

/** A password from piped standard input, or typed at a prompt that does not echo it. */
const readSecret = async (prompt) => {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  rl._writeToOutput = (s) => {
    if (s.includes(prompt)) process.stdout.write(prompt);
  };
  const answer = await new Promise((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
};

const { runCli } = await import(entry.href);
const command = process.argv[2] ?? 'serve';
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readSecret,
});
// `serve` returns once listening and keeps the process alive; every other command ends here.
if (command !== 'serve') process.exitCode = code;
// A server that could not start ends now: a cluster worker's channel to its primary would otherwise keep it
// alive, and the primary must see it exit to back off or give up.
else if (code !== 0) process.exit(code);
