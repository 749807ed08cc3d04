import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPluginRegistry, PluginError, type PluginLog, type PluginRegistry } from './registry.js';

/**
 * Imports an ES module by URL. The compiled server runs as a vm.Script (bin/dateline.js), which has no `import()`
 * of its own, so the launcher passes its own; tests and the sources use this default.
 */
export type ImportModule = (url: string) => Promise<unknown>;
const nativeImport: ImportModule = (url) => import(url);

/**
 * Where a DATELINE_PLUGINS (or DATELINE_THEME) entry is: a path (starting with `.` or `/`) from the working
 * folder, or a package name resolved from it, as the operator's own `node_modules` would.
 */
export const moduleUrlOf = (spec: string, cwd: string): string => {
  if (spec.startsWith('.') || isAbsolute(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  return pathToFileURL(createRequire(resolve(cwd, 'package.json')).resolve(spec)).href;
};

/** Loads one module's default export, or stops with a message naming it and the reason. */
export const importDefault = async (spec: string, what: string, cwd: string, load: ImportModule): Promise<unknown> => {
  let url: string;
  try {
    url = moduleUrlOf(spec, cwd);
  } catch {
    throw new PluginError(spec, `${what} not found (a path starting with ./ or /, or an installed package name)`);
  }
  let mod: unknown;
  try {
    mod = await load(url);
  } catch (error) {
    throw new PluginError(spec, `${what} failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const value = (mod as { default?: unknown } | null)?.default;
  if (value === undefined) throw new PluginError(spec, `${what} has no default export`);
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
    const plugin = await importDefault(spec, 'plugin', cwd, opts.importModule ?? nativeImport);
    loaded.push(plugin);
  }
  try {
    return createPluginRegistry(loaded, opts.log);
  } catch (error) {
    // Name the entry of DATELINE_PLUGINS too when the plugin's own name is not usable.
    if (error instanceof PluginError && error.plugin === '?') throw new PluginError(specs.join(','), error.message);
    throw error;
  }
};
