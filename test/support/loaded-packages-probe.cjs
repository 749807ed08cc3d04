// Loaded into a server process with NODE_OPTIONS=--require by reader-process-modules.test.ts: on SIGUSR2 it writes
// the npm packages the process has loaded through require() (the server bundle loads every package that way) as
// one line on standard error, `loaded-packages: ["better-sqlite3", …]`, and the built-in modules Node has loaded
// (`process.moduleLoadList`, internal ones left out) as another, `loaded-builtins: ["crypto", "http", …]`.
'use strict';
process.on('SIGUSR2', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const match = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (match) names.add(match[1].replace('\\', '/'));
  }
  process.stderr.write(`loaded-packages: ${JSON.stringify([...names].sort())}\n`);
  const builtins = process.moduleLoadList
    .filter((entry) => entry.startsWith('NativeModule ') && !entry.startsWith('NativeModule internal/'))
    .map((entry) => entry.slice('NativeModule '.length));
  process.stderr.write(`loaded-builtins: ${JSON.stringify([...new Set(builtins)].sort())}\n`);
});
