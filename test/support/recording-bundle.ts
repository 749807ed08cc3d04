import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * esbuild's helpers in the bundle: `__esm` wraps each ES module (evaluated when first initialised), `__commonJS` each
 * CommonJS file (when first required). Each copy below records the module's name as it is evaluated.
 */
const HELPERS = [
  {
    found: 'var __esm=(fn,res,err)=>function(){if(err)throw err[0];try{',
    record: 'if(fn)(globalThis.__datelineEvaluated??=[]).push(__getOwnPropNames(fn)[0]);',
  },
  {
    found: 'var __commonJS=(cb,mod)=>function(){try{',
    record: 'if(!mod)(globalThis.__datelineEvaluated??=[]).push(__getOwnPropNames(cb)[0]);',
  },
];

/**
 * An install of the built server in `dir` whose bundle records, in `globalThis.__datelineEvaluated`, every module it
 * evaluates, by its path (`dist/server/newsroom/guards.js`, `node_modules/parse5/dist/index.js`); the probe
 * `evaluated-modules-probe.cjs` prints the list. Its own folder, so the code cache of the real build is left alone.
 * Fails when the build's helpers no longer read as expected, rather than recording nothing. Returns its
 * `bin/dateline.js`.
 */
export const installRecordingModules = (dir: string): string => {
  let source = readFileSync(join(ROOT, 'dist/bundle/dateline.cjs'), 'latin1');
  for (const { found, record } of HELPERS) {
    if (source.split(found).length !== 2) throw new Error(`the bundle has no single "${found}"`);
    source = source.replace(found, found + record);
  }
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'dist/bundle'), { recursive: true });
  writeFileSync(join(dir, 'dist/bundle/dateline.cjs'), source, 'latin1');
  copyFileSync(join(ROOT, 'bin/dateline.js'), join(dir, 'bin/dateline.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const shared of ['node_modules', 'static']) symlinkSync(join(ROOT, shared), join(dir, shared));
  return join(dir, 'bin/dateline.js');
};
