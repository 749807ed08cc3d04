// Bundles the compiled server (dist/cli/dateline.js and everything it imports, dependencies included) into one file,
// dist/bundle/dateline.js, which bin/dateline.js runs. Why: a start of `dateline serve` loaded some 610 ES modules
// (kysely alone 263, zod 95, our own 200) plus Fastify's CommonJS files, and resolving, reading and compiling them
// one by one was most of the time to the first answer. docs/architecture/0009-hot-path.md ("One file to load") has the figures.
//
// Left outside the bundle: native modules (better-sqlite3, sharp, argon2) and what loads only when configured
// (pg with DATABASE_URL, redis with REDIS_URL), so a reader process still maps no native library it does not use.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export const SERVER_BUNDLE_EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'redis', '@redis/*'];

await build({
  entryPoints: [join(root, 'dist/cli/dateline.js')],
  // Two folders below the project root, as dist/server/ is: `new URL('../../static/', import.meta.url)` in
  // static-assets.ts finds static/ from either.
  outfile: join(root, 'dist/bundle/dateline.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: SERVER_BUNDLE_EXTERNAL,
  // Smaller text to read and parse at every start; names kept so that stack traces in the logs still read.
  minify: true,
  keepNames: true,
  // A map beside it for whoever debugs a stack trace; Node does not load it unless asked (--enable-source-maps).
  sourcemap: true,
  legalComments: 'linked',
  // CommonJS dependencies (Fastify's) call require() for Node's own modules; an ES module has none by itself.
  banner: {
    js: "import { createRequire as __datelineRequire } from 'node:module'; const require = __datelineRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
