import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ThemeComponents } from '../views/shared/Themed.js';
import { importDefaultAt, moduleUrlOf, nativeImport, type ImportModule } from './load-plugins.js';
import { PluginError } from './registry.js';

/** The view components a theme may replace (views/shared/Themed.tsx documents each one's props). */
export const THEME_COMPONENT_NAMES = [
  'Masthead',
  'Navigation',
  'Footer',
  'ArticleHeader',
  'ArticleByline',
  'TeaserCard',
  'SectionFront',
  'HomeTopStories',
  'ErrorPage',
] as const;

/** A theme module's default export (DATELINE_THEME). */
export interface DatelineTheme {
  /** Lower-case letters, digits and -: names its stylesheets' addresses. */
  name: string;
  /** Stylesheets, as paths from the theme's folder, linked after the base stylesheet in this order. */
  css?: string[];
  components?: Partial<ThemeComponents>;
}

/** A theme as the process uses it: its stylesheets read, its components checked. */
export interface LoadedTheme {
  name: string;
  css: { name: string; bytes: Buffer }[];
  components: Partial<ThemeComponents>;
}

/** A theme that cannot be used: the start stops with this message, which names the theme. */
export class ThemeError extends PluginError {
  constructor(theme: string, reason: string) {
    super(theme, reason);
    this.name = 'ThemeError';
    this.message = `theme "${theme}": ${reason}`;
  }
}

const NAME = /^[a-z][a-z0-9-]{0,47}$/;

/** The module of a theme: a folder's index.mjs or index.js, a file, or an installed package. */
const moduleOf = (spec: string, cwd: string): string => {
  if (spec.startsWith('.') || isAbsolute(spec)) {
    const path = resolve(cwd, spec);
    if (!existsSync(path)) throw new ThemeError(spec, `not found: no file or folder ${path}`);
    if (statSync(path).isDirectory()) {
      const index = ['index.mjs', 'index.js'].map((f) => join(path, f)).find((f) => existsSync(f));
      if (!index) throw new ThemeError(spec, `the folder has no index.mjs or index.js`);
      return pathToFileURL(index).href;
    }
  }
  return moduleUrlOf(spec, cwd);
};

const checkTheme = (spec: string, value: unknown, folder: string): LoadedTheme => {
  if (typeof value !== 'object' || value === null) throw new ThemeError(spec, 'the default export must be an object');
  const theme = value as DatelineTheme;
  if (typeof theme.name !== 'string' || !NAME.test(theme.name))
    throw new ThemeError(spec, 'name must be lower-case letters, digits and - (at most 48)');
  for (const key of Object.keys(theme))
    if (!['name', 'css', 'components'].includes(key)) throw new ThemeError(spec, `unknown key "${key}"`);
  if (theme.css !== undefined && !Array.isArray(theme.css)) throw new ThemeError(spec, 'css must be an array of paths');
  const css = (theme.css ?? []).map((file) => {
    if (typeof file !== 'string' || !file.endsWith('.css'))
      throw new ThemeError(spec, `css entry ${JSON.stringify(file)} must be a .css path`);
    const path = resolve(folder, file);
    if (relative(folder, path).startsWith('..'))
      throw new ThemeError(spec, `css file ${file} is outside the theme's folder`);
    if (!existsSync(path)) throw new ThemeError(spec, `css file ${file} not found in ${folder}`);
    return { name: basename(file), bytes: readFileSync(path) };
  });
  const components = theme.components ?? {};
  if (typeof components !== 'object' || components === null) throw new ThemeError(spec, 'components must be an object');
  for (const [name, fn] of Object.entries(components)) {
    if (!(THEME_COMPONENT_NAMES as readonly string[]).includes(name))
      throw new ThemeError(spec, `unknown component "${name}" (components: ${THEME_COMPONENT_NAMES.join(', ')})`);
    if (typeof fn !== 'function') throw new ThemeError(spec, `component "${name}" must be a function`);
  }
  return { name: theme.name, css, components };
};

/**
 * DATELINE_THEME's theme: a folder (its index.mjs), a module file or an installed package. Every serving process
 * loads it at its start; one that fails to load or breaks the contract stops the start with a message naming it.
 */
export const loadTheme = async (
  spec: string,
  opts: { cwd?: string; importModule?: ImportModule } = {},
): Promise<LoadedTheme> => {
  const cwd = opts.cwd ?? process.cwd();
  let url: string;
  try {
    url = moduleOf(spec, cwd);
  } catch (error) {
    if (error instanceof ThemeError) throw error;
    throw new ThemeError(spec, 'not found (a folder or file starting with ./ or /, or an installed package name)');
  }
  const fail = (reason: string) => new ThemeError(spec, reason);
  const value = await importDefaultAt(url, opts.importModule ?? nativeImport, fail);
  return checkTheme(spec, value, dirname(fileURLToPath(url)));
};
