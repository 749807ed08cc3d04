// `dateline serve` run from the sources (through tsx) rather than the build, for tests that start a server process
// and must see the code as it is now: test/integration/kill-9.test.ts.
import { runCli } from '../../src/cli/dateline.js';

const code = await runCli(['serve'], {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
if (code !== 0) process.exit(code);
