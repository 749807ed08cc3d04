// Bundles the newsroom's browser code into static/ (the options are in client-bundle.mjs), then leaves a Brotli
// copy beside every static file for the server to send (src/server/static-assets.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { CLIENT_BUNDLE } from './client-bundle.mjs';

await build(CLIENT_BUNDLE);

// Quality 11 costs about a second for the 400 KB editor bundle: paid here once rather than by every worker at every
// start. The server takes a copy only when it decodes to the file it read, so one left stale by an edit is harmless.
for (const name of readdirSync('static')) {
  if (!/\.(css|js)$/.test(name)) continue;
  const bytes = readFileSync(join('static', name));
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    },
  });
  writeFileSync(join('static', `${name}.br`), br);
}
