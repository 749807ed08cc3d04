// Loaded into a server installed by recording-bundle.ts with NODE_OPTIONS=--require: on SIGUSR2 it writes the modules
// the bundle has evaluated so far, in order, as one line on standard error, `evaluated-modules: ["dist/…", …]`.
'use strict';
process.on('SIGUSR2', () => {
  process.stderr.write(`evaluated-modules: ${JSON.stringify(globalThis.__datelineEvaluated ?? [])}\n`);
});
