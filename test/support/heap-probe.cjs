// Loaded into a server process with NODE_OPTIONS=--require by young-generation.test.ts. On SIGUSR2 it writes one line on
// standard error, `heap: {"newSpaceMb":n,"flagsTag":t}`: the size V8 gives its young generation (both halves) at that
// moment, and v8.cachedDataVersionTag(), which changes with the V8 flags set (old-generation.test.ts compares it).
'use strict';
// A file preloaded with --require is CommonJS: it has no import statement.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const v8 = require('node:v8');
process.on('SIGUSR2', () => {
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  process.stderr.write(
    `heap: ${JSON.stringify({ newSpaceMb: space ? space.space_size / 1048576 : null, flagsTag: v8.cachedDataVersionTag() })}\n`,
  );
});
