// Bundles the compiled server (dist/cli/dateline.js and everything it imports, dependencies included) into one file,
// dist/bundle/dateline.cjs, which bin/dateline.js runs. Why: a start of `dateline serve` loaded some 610 ES modules
// (kysely alone 263, zod 95, our own 200) plus Fastify's CommonJS files, and resolving, reading and compiling them
// one by one was most of the time to the first answer. docs/architecture/0009-hot-path.md ("One file to load") has the figures.
//
// CommonJS rather than an ES module: Node 20 keeps no compiled code between runs for modules, but a CommonJS file run
// as a vm.Script can be given V8's code cache, which bin/dateline.js keeps beside the bundle (0009, "Compiled once").
//
// Left outside the bundle: native modules (better-sqlite3, sharp, argon2) and what loads only when configured
// (pg with DATABASE_URL, redis with REDIS_URL), so a reader process still maps no native library it does not use.
import { randomUUID } from 'node:crypto';
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

export const SERVER_BUNDLE_EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'redis', '@redis/*'];

/** The externals the server loads with import() when first needed; never at start. */
const LOADED_WHEN_NEEDED = /^(sharp|pg|redis|@node-rs\/argon2)$/;

/**
 * In a bundle run as a vm.Script, `import("x")` would need Node's experimental dynamic-import hook (and its warning
 * at every start). Each such import becomes a small module of the bundle that requires the package when first
 * called: esbuild gives it the same shape import() would (the package's exports, and `default`).
 */
const requireWhenNeeded = {
  name: 'require-when-needed',
  setup(b) {
    b.onResolve({ filter: LOADED_WHEN_NEEDED }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'when-needed' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'when-needed' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// A fresh folder: no earlier bundle, and no code cache made for one (bin/dateline.js).
rmSync(join(root, 'dist/bundle'), { recursive: true, force: true });

await build({
  entryPoints: [join(root, 'dist/cli/dateline.js')],
  // Two folders below the project root, as dist/server/ is: `new URL('../../static/', import.meta.url)` in
  // static-assets.ts finds static/ from either.
  outfile: join(root, 'dist/bundle/dateline.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: SERVER_BUNDLE_EXTERNAL,
  plugins: [requireWhenNeeded],
  // Smaller text to read and parse at every start; names kept so that stack traces in the logs still read.
  minify: true,
  keepNames: true,
  // A map beside it for whoever debugs a stack trace; Node does not load it unless asked (--enable-source-maps).
  sourcemap: true,
  legalComments: 'linked',
  // import.meta has no value in CommonJS: the one use (static-assets.ts) gets the bundle's own address.
  define: { 'import.meta.url': '__datelineUrl' },
  // __datelineBuild names this build: article pages rendered and kept by one build are not served by another
  // (src/server/reader/site-stamp.ts).
  banner: {
    js: `var __datelineUrl = require('node:url').pathToFileURL(__filename).href; var __datelineBuild = ${JSON.stringify(randomUUID())};`,
  },
  logLevel: 'warning',
});
