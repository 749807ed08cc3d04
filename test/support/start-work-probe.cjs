// Loaded into a server process with NODE_OPTIONS=--require by start-up-work.test.ts. On SIGUSR2 it writes one line on
// standard error, `start-work: {"undici":bool,"nql":bool,"formData":"…"}`: whether Node's fetch implementation (undici)
// and Ghost's filter parser (@tryghost/nql-lang) have been loaded so far, and then what `new FormData()` gives, which
// proves the global's lazy getter is still in place (it loads undici itself, so the next line reports it loaded).
'use strict';
process.on('SIGUSR2', () => {
  const undici = process.moduleLoadList.some((name) => name.includes('internal/deps/undici'));
  const nql = Object.keys(require.cache).some((path) => path.includes('@tryghost/nql-lang'));
  let formData;
  try {
    formData = Object.prototype.toString.call(new FormData());
  } catch (error) {
    formData = `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  process.stderr.write(`start-work: ${JSON.stringify({ undici, nql, formData })}\n`);
});
