// What `npm run dev` runs under `tsx watch`: `dateline serve` from the TypeScript sources instead of dist/, so a
// saved file restarts the server without a tsc build. Environment variables work as for `npm start`.
import { runCli } from '../src/cli/dateline.ts';

const code = await runCli(['serve'], {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
});
// `serve` returns once listening and keeps the process alive; a failed start ends it here.
if (code !== 0) process.exit(code);
