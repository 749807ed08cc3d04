#!/usr/bin/env node
// Runs the compiled CLI; `npm ci` builds it (the prepare script), `npm start` rebuilds it when a source changed,
// `npm run build` always.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

const command = process.argv[2] ?? 'serve';
/** config.ts's default for DATELINE_YOUNG_GENERATION_MB, which validates the variable. */
const DEFAULT_YOUNG_GENERATION_MB = 4;

/**
 * A serving process holds V8's young generation at DATELINE_YOUNG_GENERATION_MB (default 4). Left alone, V8 doubles
 * it under load up to 32 MB (16 MB for each of its two halves), held for the life of the process: a sixth of a
 * server's resident memory after the archive walk (docs/architecture/0030-cold-start-and-memory.md). Kept at its first
 * 1-2 MB, the walk collected it every 10-20 answers, some 40 µs of each answer; at 4 MB half as often, at 8 MB a
 * quarter, for 4 MB more of every process (record 0030, "Later: what a reader process holds"). V8 doubles the space,
 * so only powers of two are reached: 6 grows to 8.
 * `--max-semi-space-size` would cap it but must be given on node's command line. The growth factor is read each time
 * V8 would grow the space, so a factor of 1 holds it where it is: from the first line, so that the start (one long
 * task, its collections unobserved until it ends) does not grow it, then, once the server listens, growth is let go
 * until a collection leaves the space at the size asked for. An operator who sizes the young generation on node's
 * command line or in NODE_OPTIONS keeps that choice; a value config.ts refuses is left for it to report with the
 * other settings. test/integration/young-generation.test.ts starts servers both ways.
 */
const youngGenerationMb = Number(process.env.DATELINE_YOUNG_GENERATION_MB || DEFAULT_YOUNG_GENERATION_MB);
/** Whether node's command line or NODE_OPTIONS holds a flag `pattern` matches: an operator's choice wins over ours. */
const operatorSets = (pattern) =>
  [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((flag) => pattern.test(flag));
const holdsYoungGeneration =
  command === 'serve' &&
  Number.isInteger(youngGenerationMb) &&
  youngGenerationMb >= 2 &&
  youngGenerationMb <= 64 &&
  !operatorSets(/^--(max|min)[-_]semi[-_]space[-_]size|^--semi[-_]space[-_]growth[-_]factor/);
const holdYoungGeneration = () => setFlagsFromString('--semi-space-growth-factor=1');
/** Whether the young generation may grow now (growYoungGeneration), else it is held (the factor at 1). */
let youngGenerationGrowing = false;
const letYoungGenerationGrow = () => setFlagsFromString('--semi-space-growth-factor=2');
/**
 * Lets the young generation grow while it is smaller than the size asked for, and holds it once it has that size,
 * for the life of the process: V8 also shrinks the space (to 2 MB after a few seconds without work), and a hold set
 * once kept it there, so a server that had been idle collected four times as often under the next load, its cached
 * pages answered 15-35% slower (record 0030, "Later: grown again after V8 shrinks it"). Checked after each batch of
 * collections reported.
 */
const growYoungGeneration = () => {
  const wanted = youngGenerationMb * 1024 * 1024;
  const steer = () => {
    const below = (getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0) < wanted;
    if (below === youngGenerationGrowing) return;
    youngGenerationGrowing = below;
    if (below) letYoungGenerationGrow();
    else holdYoungGeneration();
  };
  new PerformanceObserver(steer).observe({ entryTypes: ['gc'] });
  steer();
};
if (holdsYoungGeneration) holdYoungGeneration();

/**
 * After each full collection V8 lets the old generation grow to a multiple of what survived it before collecting it
 * again, a multiple it chooses; left to it, a server ended the hot set and the archive walk with 42-58 MB of old
 * generation holding 21-41 MB of objects, a quarter of its resident memory. A serving process asks for half again
 * (`--heap-growing-percent=50`): 29-33 MB after the same run, with the same throughput
 * (docs/architecture/0030-cold-start-and-memory.md, "Later: a third less resident memory"). V8 reads the
 * factor at every full collection, so it can be set here; it is set before the bundle is compiled because V8 checks
 * its code cache against the flags. An operator's own value on node's command line is kept.
 */
const HEAP_GROWING_PERCENT = 50;
if (command === 'serve' && !operatorSets(/^--heap[-_]growing[-_]percent/))
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);

// The server and CLI bundled into one CommonJS file by the build (scripts/build-server-bundle.mjs): one file to load.
const bundle = fileURLToPath(new URL('../dist/bundle/dateline.cjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('dateline: the project is not built yet; run `npm run build` first.\n');
  process.exit(1);
}

/**
 * The bundle is run as a vm.Script so that V8 can be handed the code it compiled in an earlier run: compiling
 * the bundle and the functions a start and the first pages call was a third of a cold start
 * (docs/architecture/0009-hot-path.md, "Compiled once"). V8 checks a cache against its own version and flags and
 * the source's length, not its text, so the file is named after the bundle's size and time (any build or edit
 * changes them). A cache V8 turns down, or none, is made again by `serve` once it has started; an install folder
 * that cannot be written to just goes without.
 */
// The build escapes every non-ASCII character (scripts/build-server-bundle.mjs), so Latin-1 reads the same text, as a
// one-byte string: 20 ms against 50-65 for UTF-8, and half the memory for as long as the process lives.
const source = readFileSync(bundle, 'latin1');
// The bundle's size and time stand for its text: hashing 1.8 MB at every start cost 12 ms of a 400 ms cold start.
const { size, mtimeMs } = statSync(bundle);
const cacheFile = `${bundle}.${createHash('sha256').update(`${size} ${mtimeMs}`).digest('hex').slice(0, 16)}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
// V8 has copied what it needed; the 2.6 MB read would otherwise stay resident for the life of the process.
const hadCachedData = cachedData !== undefined;
cachedData = undefined;
const loaded = { exports: {} };
script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, dirname(bundle));
const { runCli } = loaded.exports;

/** How long after `serve` returns the code cache is written. */
const COMPILED_CODE_DELAY_MS = 3_000;

/**
 * The code cache, made under the flags the bundle was compiled with. V8 tags a cache with its flags, and the young
 * generation's growth factor is one of them (`v8.cachedDataVersionTag()` changes with it): compiled while the young
 * generation was held, the cache was written while growYoungGeneration let it grow, so every later start turned it
 * down, compiled the bundle again (some 200 ms of a 700 ms cold start) and wrote it again under the wrong tag
 * (docs/architecture/0030-cold-start-and-memory.md, "Later: a code cache every start turned down").
 */
const cachedDataAsCompiled = () => {
  if (!holdsYoungGeneration || !youngGenerationGrowing) return script.createCachedData();
  holdYoungGeneration();
  try {
    return script.createCachedData();
  } finally {
    letYoungGenerationGrow();
  }
};

/** Writes V8's code cache for the bundle (atomically) and removes caches made for earlier bundles. */
let written = false;
const keepCompiledCode = () => {
  if (written) return;
  written = true;
  try {
    const partial = `${cacheFile}.${process.pid}`;
    writeFileSync(partial, cachedDataAsCompiled());
    renameSync(partial, cacheFile);
    const own = basename(cacheFile);
    for (const name of readdirSync(dirname(bundle)))
      if (name.startsWith(`${basename(bundle)}.`) && name.endsWith('.cache') && name !== own)
        rmSync(`${dirname(bundle)}/${name}`, { force: true });
  } catch {
    // A read-only install: every start compiles, as it would without the cache.
  }
};

/** A password from piped standard input, or typed at a prompt that does not echo it. */
const readSecret = async (prompt) => {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  // Loaded here, not at start: only a command asking for a password at a terminal needs it.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  rl._writeToOutput = (s) => {
    if (s.includes(prompt)) process.stdout.write(prompt);
  };
  const answer = await new Promise((resolve) => rl.question(prompt, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
};

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readSecret,
  // Plugins are ES modules; the bundle, run as a vm.Script, has no import() of its own.
  importModule: (url) => import(url),
});
// `serve` returns once listening and keeps the process alive; every other command ends here.
if (command !== 'serve') process.exitCode = code;
// A moment after the start, once the first pages have compiled what answering needs, so the cache holds that too;
// or at a clean stop before then.
else if (code === 0 && (!hadCachedData || script.cachedDataRejected)) {
  const timer = setTimeout(keepCompiledCode, COMPILED_CODE_DELAY_MS).unref();
  process.once('exit', () => {
    clearTimeout(timer);
    keepCompiledCode();
  });
}
// A server that could not start ends now: a cluster worker's channel to its primary would otherwise keep it
// alive, and the primary must see it exit to back off or give up.
else if (code !== 0) process.exit(code);
// Listening: the young generation may grow to its size now (above).
if (command === 'serve' && code === 0 && holdsYoungGeneration) growYoungGeneration();
