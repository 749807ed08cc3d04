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
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const BUNDLE = join(root, 'dist/bundle/dateline.cjs');

export const SERVER_BUNDLE_EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'redis', '@redis/*'];

/** The externals and built-in modules the server loads with import() when first needed; never at start. */
const LOADED_WHEN_NEEDED = /^(sharp|pg|redis|@node-rs\/argon2|node:https|node:dns\/promises)$/;

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

/**
 * Requires in Fastify's files of modules a Dateline process rarely or never uses, each made an object that requires the
 * module at its first use. `lib/server.js` requires node:https, node:http2 and node:dns at load, for servers made with
 * TLS or HTTP/2 and for listening on a name; Dateline's processes listen on plain HTTP at an address, yet http2 alone
 * cost every start some 10 ms and 1.1 MB (docs/architecture/0030-cold-start-and-memory.md, "Later: built-in modules a
 * server never uses"). `lib/plugin-utils.js` requires semver (47 modules) to check the Fastify version a plugin asks
 * for, and the reader's app registers no plugin that asks (record 0030, "Later: the newsroom on first use").
 * A Fastify whose files no longer have these lines fails the build, so an upgrade is looked at rather than missed.
 */
const FASTIFY_LIB = /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]([a-z-]+\.js)$/;
const REQUIRED_WHEN_USED = {
  'server.js': { https: 'node:https', http2: 'node:http2', dns: 'node:dns' },
  'plugin-utils.js': { semver: 'semver' },
};
const fastifyRequiresWhenUsed = {
  name: 'fastify-requires-when-used',
  setup(b) {
    b.onLoad({ filter: FASTIFY_LIB }, (args) => {
      const lazy = REQUIRED_WHEN_USED[FASTIFY_LIB.exec(args.path)[1]];
      if (!lazy) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      for (const [name, module] of Object.entries(lazy)) {
        const line = `const ${name} = require('${module}')`;
        if (!contents.includes(line)) throw new Error(`build-server-bundle: ${args.path} no longer has "${line}"`);
        contents = contents.replace(
          line,
          `const ${name} = new Proxy({}, { get: (_, key) => require('${module}')[key] })`,
        );
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Fastify's own compilers, which `lib/schema-controller.js` requires only when an app is not given any: every
 * Dateline app is given zod's (src/server/app-root.ts), so ajv, fast-json-stringify and what they bring were 410 KB
 * of the bundle's text no process ever ran, held by every process for as long as it lives (V8 keeps a script's
 * whole source; docs/architecture/0030-cold-start-and-memory.md, "Later: what a reader process holds"). Each is a
 * module that fails with a message if a Fastify change ever makes it run.
 */
const LEFT_OUT = /^@fastify\/(ajv-compiler|fast-json-stringify-compiler)$/;
const FASTIFY_SCHEMA_CONTROLLER = /[\\/]node_modules[\\/]fastify[\\/]lib[\\/]schema-controller\.js$/;
const leaveOutCompilers = {
  name: 'leave-out-fastify-compilers',
  setup(b) {
    b.onResolve({ filter: LEFT_OUT }, (args) => {
      if (!FASTIFY_SCHEMA_CONTROLLER.test(args.importer))
        throw new Error(`build-server-bundle: ${args.path} is required by ${args.importer}, not only by Fastify`);
      return { path: args.path, namespace: 'left-out' };
    });
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(
        `${args.path} is not in the server bundle: Dateline gives every Fastify app zod's compilers (scripts/build-server-bundle.mjs)`,
      )});`,
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
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: SERVER_BUNDLE_EXTERNAL,
  plugins: [requireWhenNeeded, fastifyRequiresWhenUsed, leaveOutCompilers],
  // Smaller text to read and parse at every start: whitespace and syntax only. Names are left as written, so stack
  // traces in the logs still name functions; renaming them and putting the names back (keepNames) cost every serving
  // process 1.7 MB more of V8's heap than this, held for its whole life: a property on every named function
  // (docs/architecture/0030-cold-start-and-memory.md, "Later: names left as written").
  minifyWhitespace: true,
  minifySyntax: true,
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

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first value of a source map segment and the characters after it. */
const firstValue = (segment) => {
  let value = 0;
  let shift = 0;
  let i = 0;
  for (;;) {
    const digit = VLQ.indexOf(segment[i++]);
    value += (digit & 31) << shift;
    shift += 5;
    if (!(digit & 32)) break;
  }
  return { value: value & 1 ? -(value >>> 1) : value >>> 1, rest: segment.slice(i) };
};

const vlq = (value) => {
  let v = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    out += VLQ[v ? digit | 32 : digit];
  } while (v);
  return out;
};

/**
 * esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals (quotes and
 * Japanese words in the importers' patterns). One such character makes the whole 2.6 MB text a two-byte string: read
 * as UTF-8 it took 50-65 ms of a cold start against 20 ms as Latin-1, and V8 keeps it at twice the size for as long
 * as the process lives (0030-cold-start-and-memory.md). Each becomes its \u escape (an astral one, its two
 * surrogates' escapes, which mean the same in strings and in patterns with or without the u flag), so
 * bin/dateline.js reads the bundle as Latin-1; the source map's columns after each escape on its line move with it.
 */
const escapeNonAscii = () => {
  const text = readFileSync(BUNDLE, 'utf8');
  // After a backslash (an identity escape in a pattern) the escape would read as a backslash and letters.
  if (/\\[\u0080-\uffff]/.test(text)) throw new Error('build-server-bundle: a non-ASCII character follows a backslash');
  const lines = text.split('\n');
  const map = JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8'));
  const mappings = map.mappings.split(';');
  lines.forEach((line, n) => {
    if (!/[\u0080-\uffff]/.test(line)) return;
    // Where each escape begins in the old line's UTF-16 units, and how many units it adds.
    const moves = [];
    lines[n] = line.replace(/[\u{80}-\u{10ffff}]/gu, (char, at) => {
      const escaped = [...Array(char.length).keys()]
        .map((i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`)
        .join('');
      moves.push({ at, added: escaped.length - char.length });
      return escaped;
    });
    let column = 0;
    let moved = 0;
    mappings[n] = (mappings[n] ?? '')
      .split(',')
      .map((segment) => {
        if (!segment) return segment;
        const { value, rest } = firstValue(segment);
        column += value;
        const shifted = column + moves.filter((m) => m.at < column).reduce((sum, m) => sum + m.added, 0);
        const out = vlq(shifted - moved) + rest;
        moved = shifted;
        return out;
      })
      .join(',');
  });
  const code = lines.join('\n');
  if (/[\u0080-\uffff]/.test(code)) throw new Error('build-server-bundle: the bundle is still not ASCII');
  writeFileSync(BUNDLE, code);
  writeFileSync(`${BUNDLE}.map`, JSON.stringify({ ...map, mappings: mappings.join(';') }));
};
escapeNonAscii();
