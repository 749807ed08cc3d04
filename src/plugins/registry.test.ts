import { h } from 'preact';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, type SlotContext } from './contract.js';
import { createPluginRegistry, PluginError } from './registry.js';

const ctx: Omit<SlotContext, 'slot' | 'settings'> = {
  page: 'article',
  edition: { code: 'en', language: 'en', name: 'The Daily', pathPrefix: '/' },
  site: { publicationName: 'The Daily', baseUrl: 'https://news.example' },
  article: null,
  section: { name: 'Politics', slug: 'politics' },
};

const errorsOf = () => {
  const logged: { plugin: string; slot?: string; hook?: string; msg: string }[] = [];
  return {
    logged,
    log: { error: (o: { plugin: string; slot?: string; hook?: string }, msg: string) => logged.push({ ...o, msg }) },
  };
};

describe('plugin registry', () => {
  it('renders every plugin of a slot in load order, strings and Preact nodes alike, with its own settings', () => {
    const registry = createPluginRegistry([
      definePlugin({ name: 'one', version: '1.0.0', slots: { 'rail-top': () => '<p>one</p>' } }),
      definePlugin({
        name: 'two',
        version: '2.0.0',
        settings: { schema: z.object({ label: z.string() }), defaults: { label: 'Ad' } },
        slots: { 'rail-top': (c) => h('p', { class: 'two' }, `${String(c.settings.label)} on ${c.page} <&>`) },
      }),
    ]);
    expect(registry.has('rail-top')).toBe(true);
    expect(registry.has('footer')).toBe(false);
    expect(registry.render('rail-top', ctx)).toBe('<p>one</p><p class="two">Ad on article &lt;&amp;></p>');
    registry.useSettings('two', { label: 'Sponsored' });
    expect(registry.render('rail-top', ctx)).toContain('Sponsored on article');
    expect(registry.render('footer', ctx)).toBe('');
  });

  it('leaves a throwing slot empty, logs it with the plugin and slot, and still renders the others', () => {
    const { logged, log } = errorsOf();
    const registry = createPluginRegistry(
      [
        definePlugin({
          name: 'broken',
          version: '1',
          slots: {
            footer: () => {
              throw new Error('boom');
            },
          },
        }),
        definePlugin({ name: 'fine', version: '1', slots: { footer: () => '<p>fine</p>' } }),
      ],
      log,
    );
    expect(registry.render('footer', ctx)).toBe('<p>fine</p>');
    expect(logged).toEqual([expect.objectContaining({ plugin: 'broken', slot: 'footer' })]);
  });

  it('calls hooks in order; a failing hook is logged and the next still runs', async () => {
    const { logged, log } = errorsOf();
    const seen: string[] = [];
    const registry = createPluginRegistry(
      [
        definePlugin({
          name: 'a',
          version: '1',
          hooks: {
            'article.published': async () => {
              seen.push('a');
              throw new Error('down');
            },
          },
        }),
        definePlugin({
          name: 'b',
          version: '1',
          hooks: { 'article.published': (e) => void seen.push(`b ${e.name} ${e.source}`) },
        }),
      ],
      log,
    );
    await registry.emit('article.published', { at: new Date(0).toISOString(), source: 'cli' });
    expect(seen).toEqual(['a', 'b article.published cli']);
    expect(logged).toEqual([expect.objectContaining({ plugin: 'a', hook: 'article.published' })]);
  });

  it('merges CSP sources per directive without repeats', () => {
    const registry = createPluginRegistry([
      { name: 'ads', version: '1', csp: { scriptSrc: ['https://ads.example'], frameSrc: ['https://ads.example'] } },
      { name: 'stats', version: '1', csp: { scriptSrc: ['https://ads.example', 'https://*.stats.example'] } },
    ]);
    expect(registry.csp).toEqual({
      scriptSrc: ['https://ads.example', 'https://*.stats.example'],
      connectSrc: [],
      frameSrc: ['https://ads.example'],
      imgSrc: [],
      styleSrc: [],
    });
  });

  it.each([
    [{ name: 'Bad Name', version: '1' }, /name must be/],
    [{ name: 'x', version: 1 }, /version/],
    [{ name: 'x', version: '1', slots: { sidebar: () => '' } }, /unknown slot "sidebar"/],
    [{ name: 'x', version: '1', hooks: { 'article.deleted': () => {} } }, /unknown hook/],
    [{ name: 'x', version: '1', colour: 'red' }, /unknown key "colour"/],
    [{ name: 'x', version: '1', csp: { scriptSrc: ["'unsafe-inline'"] } }, /unsafe-inline/],
    [{ name: 'x', version: '1', csp: { defaultSrc: ['https://a.example'] } }, /csp.defaultSrc/],
    [{ name: 'x', version: '1', fields: [{ name: 'Sponsor', label: 'S', type: 'text' }] }, /field name/],
    [{ name: 'x', version: '1', fields: [{ name: 'tier', label: 'T', type: 'select' }] }, /needs options/],
    [{ name: 'x', version: '1', blocks: [{ type: 'image', schema: z.object({}), render: () => '' }] }, /core type/],
  ])('refuses a plugin that breaks the contract: %j', (plugin, message) => {
    expect(() => createPluginRegistry([plugin])).toThrow(message);
    expect(() => createPluginRegistry([plugin])).toThrow(PluginError);
  });

  it('refuses a field or block type two plugins both define, and a second plugin of one name, naming both', () => {
    const field = { name: 'sponsor', label: 'Sponsor', type: 'text' as const };
    expect(() =>
      createPluginRegistry([
        { name: 'a', version: '1', fields: [field] },
        { name: 'b', version: '1', fields: [field] },
      ]),
    ).toThrow('plugin "b": field "sponsor" is already defined by plugin "a"');
    expect(() =>
      createPluginRegistry([
        { name: 'a', version: '1' },
        { name: 'a', version: '2' },
      ]),
    ).toThrow(/already loaded/);
  });
});
