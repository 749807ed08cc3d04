import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from './load-plugins.js';

const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-plugins-'));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  return { dir, write };
};

describe('loadPlugins', () => {
  it('loads ES modules by path from the working folder, in order', async () => {
    const { dir, write } = folder();
    write('one.mjs', "export default { name: 'one', version: '1.0.0', slots: { footer: () => '<p>1</p>' } };");
    write('two.mjs', "export default { name: 'two', version: '0.2.0', slots: { footer: () => '<p>2</p>' } };");
    const registry = await loadPlugins(['./one.mjs', `${dir}/two.mjs`], { cwd: dir });
    expect(registry.plugins.map((p) => `${p.name}@${p.version}`)).toEqual(['one@1.0.0', 'two@0.2.0']);
    expect(
      registry.render('footer', {
        page: 'home',
        edition: { code: 'en', language: 'en', name: 'N', pathPrefix: '/' },
        site: { publicationName: 'N', baseUrl: 'http://x' },
        article: null,
        section: null,
      }),
    ).toBe('<p>1</p><p>2</p>');
  });

  it('stops with a message naming the plugin for a missing file, a module that throws, no default export', async () => {
    const { dir, write } = folder();
    write('throws.mjs', "throw new Error('needs AD_KEY');");
    write('none.mjs', 'export const plugin = {};');
    await expect(loadPlugins(['./missing.mjs'], { cwd: dir })).rejects.toThrow(
      /plugin "\.\/missing\.mjs": plugin failed to load/,
    );
    await expect(loadPlugins(['./throws.mjs'], { cwd: dir })).rejects.toThrow(
      'plugin "./throws.mjs": plugin failed to load: needs AD_KEY',
    );
    await expect(loadPlugins(['./none.mjs'], { cwd: dir })).rejects.toThrow(/has no default export/);
    await expect(loadPlugins(['no-such-package-dateline'], { cwd: dir })).rejects.toThrow(/not found/);
  });

  it('loads nothing, and works, with no plugins listed', async () => {
    const registry = await loadPlugins([]);
    expect(registry.plugins).toEqual([]);
    expect(registry.has('head')).toBe(false);
  });
});
