// Runs npm scripts side by side and fails if any fails. typecheck and lint are each single-threaded, so on a
// machine with two cores running them together takes about as long as the slower one.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const child = spawn('npm', ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (code) => resolve({ name, code, output }));
    }),
);
// Output is printed per script once it ends, so the two never interleave.
let failed = false;
for (const run of runs) {
  const { name, code, output } = await run;
  process.stdout.write(`> ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`}\n${output}`);
  if (code !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
