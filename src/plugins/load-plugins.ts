import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPluginRegistry, PluginError, type PluginLog, type PluginRegistry } from './registry.js';

/**
 * Imports an ES module by URL. The compiled server runs as a vm.Script (bin/dateline.js), which has no `import()`
 * of its own, so the launcher passes its own; tests and the sources use this default.
 */
export type ImportModule = (url: string) => Promise<unknown>;
export const nativeImport: ImportModule = (url) => import(url);

/**
 * Where a DATELINE_PLUGINS (or DATELINE_THEME) entry is: a path (starting with `.` or `/`) from the working
 * folder, or a package name resolved from it, as the operator's own `node_modules` would.
 */
export const moduleUrlOf = (spec: string, cwd: string): string => {
  if (spec.startsWith('.') || isAbsolute(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  return pathToFileURL(createRequire(resolve(cwd, 'package.json')).resolve(spec)).href;
};

/**
 * Loads the default export of the module at `url`. A module that throws while loading, or has no default export,
 * stops with `fail`'s error for the reason ("failed to load: ...", "has no default export"): each caller names
 * what it loads in its own kind of error.
 */
export const importDefaultAt = async (
  url: string,
  load: ImportModule,
  fail: (reason: string) => Error,
): Promise<unknown> => {
  let mod: unknown;
  try {
    mod = await load(url);
  } catch (error) {
    throw fail(`failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const value = (mod as { default?: unknown } | null)?.default;
  if (value === undefined) throw fail('has no default export');
  return value;
};

/**
 * The plugins of DATELINE_PLUGINS, loaded in order and checked as a set. Every process loads them at its start
 * (server workers and the CLI); a plugin that fails to load or breaks the contract stops the start.
 */
export const loadPlugins = async (
  specs: readonly string[],
  opts: { cwd?: string; importModule?: ImportModule; log?: PluginLog } = {},
): Promise<PluginRegistry> => {
  const cwd = opts.cwd ?? process.cwd();
  const loaded: unknown[] = [];
  for (const spec of specs) {
    let url: string;
    try {
      url = moduleUrlOf(spec, cwd);
    } catch {
      throw new PluginError(spec, 'plugin not found (a path starting with ./ or /, or an installed package name)');
    }
    const fail = (reason: string) => new PluginError(spec, `plugin ${reason}`);
    loaded.push(await importDefaultAt(url, opts.importModule ?? nativeImport, fail));
  }
  try {
    return createPluginRegistry(loaded, opts.log);
  } catch (error) {
    // Name the entry of DATELINE_PLUGINS too when the plugin's own name is not usable.
    if (error instanceof PluginError && error.plugin === '?') throw new PluginError(specs.join(','), error.message);
    throw error;
  }
};
