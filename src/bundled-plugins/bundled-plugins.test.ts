import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { htmlProblems } from '../../test/support/html.js';
import type { SlotContext } from '../plugins/contract.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { createPluginRegistry } from '../plugins/registry.js';
import { settingsFormOf } from '../services/plugin-settings.js';
import { createAdSlotsPlugin } from './ad-slots/ad-slots-plugin.js';
import { createConsentPlugin } from './consent/consent-plugin.js';

const AD_SCRIPT = 'http://127.0.0.1:4999/ad.js';
const both = () =>
  createPluginRegistry([createConsentPlugin(), createAdSlotsPlugin({ DATELINE_AD_SCRIPT_URL: AD_SCRIPT })]);

const ctxFor = (language: string, page: SlotContext['page'] = 'article'): Omit<SlotContext, 'slot' | 'settings'> => ({
  page,
  edition: { code: language, language, name: language, pathPrefix: language === 'en' ? '' : `/${language}` },
  site: { publicationName: 'The Harbour Times', baseUrl: 'https://example.com' },
  article: null,
  section: null,
});

const documentWith = (head: string, body: string, lang = 'en') =>
  `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>t</title>${head}</head><body><main><h1>t</h1></main>${body}</body></html>`;

describe('the bundled plugins in a registry', () => {
  it('load together, and put the ad script’s origin (only) into the CSP', () => {
    const registry = both();
    expect(registry.plugins.map((p) => p.name)).toEqual(['consent', 'ad-slots']);
    expect(registry.csp).toEqual({
      scriptSrc: ['http://127.0.0.1:4999'],
      connectSrc: ['http://127.0.0.1:4999'],
      imgSrc: ['http://127.0.0.1:4999'],
      frameSrc: ['http://127.0.0.1:4999'],
      styleSrc: [],
    });
  });

  it('refuses to create ad-slots without an ad script URL, saying which variable', () => {
    expect(() => createAdSlotsPlugin({})).toThrow('DATELINE_AD_SCRIPT_URL is not set');
  });

  it('renders a hidden English banner and a hidden reopen button that make valid HTML', async () => {
    const registry = both();
    const banner = registry.render('body-start', ctxFor('en'));
    expect(banner).toContain('<section class="dl-consent" id="dl-consent"');
    expect(banner).toMatch(/aria-labelledby="dl-consent-title"[^>]* hidden/);
    expect(banner).toContain('Accept all');
    expect(banner).toContain('Reject all');
    expect(banner).toContain('data-days="182"');
    // No one to list and not a Japanese edition: no recipients table.
    expect(banner).not.toContain('dl-consent-recipients');
    const footer = registry.render('footer', ctxFor('en'));
    expect(footer).toContain('Privacy choices');
    const head = registry.render('head', ctxFor('en'));
    expect(await htmlProblems(documentWith(head, banner + footer))).toEqual([]);
  });

  it('gives the Japanese edition its own words and the external-transmission notice, with the recipients set', async () => {
    const registry = both();
    registry.useSettings('consent', {
      recipients: ['Example Ads 株式会社 | 閲覧したページのURL、ブラウザーの種類 | 広告の配信と効果測定'],
    });
    const banner = registry.render('body-start', ctxFor('ja'));
    expect(banner).toContain('プライバシーの設定');
    expect(banner).toContain('外部送信について');
    expect(banner).toContain('<td>Example Ads 株式会社</td>');
    expect(await htmlProblems(documentWith('', banner, 'ja'))).toEqual([]);
  });

  it('shows an edition’s own notice from the settings, escaped', () => {
    const registry = both();
    registry.useSettings('consent', { notices: ['en: Cookies & <b>you</b>.'] });
    expect(registry.render('body-start', ctxFor('en'))).toContain('Cookies &amp; &lt;b>you&lt;/b>.');
    expect(registry.render('body-start', ctxFor('ja'))).not.toContain('Cookies');
  });

  it('places inline boxes after the paragraphs the settings name, with their height reserved', () => {
    const registry = both();
    const after = (paragraph: number) => registry.render('article-inline', { ...ctxFor('en'), paragraph });
    expect([1, 2, 3, 4, 8, 9].map((n) => after(n) !== '')).toEqual([false, false, true, false, true, false]);
    expect(after(3)).toBe(
      '<div class="dl-ad" data-ad-slot="article-inline" data-ad-position="3"><span class="dl-ad-label">Advertisement</span>' +
        '<div class="dl-ad-box dl-ad-h250" data-ad-sizes="300x250"></div></div>',
    );
    expect(registry.render('rail-top', ctxFor('ja'))).toContain('<span class="dl-ad-label">広告</span>');
    expect(registry.render('rail-bottom', ctxFor('en'))).toBe('');
  });

  it('links the stylesheet of every reserved height, and the loader with the ad script’s URL', () => {
    const registry = both();
    registry.useSettings('ad-slots', { placements: ['rail-top: 300x600', 'article-inline after 2: 300x250, 336x280'] });
    const head = registry.render('head', ctxFor('en'));
    expect(head).toContain('<link rel="stylesheet" href="/plugins/ad-slots/boxes.css?h=280,600">');
    expect(head).toMatch(
      /<script src="\/plugins\/ad-slots\/ad-slots\.[0-9a-f]{10}\.js" data-ad-script="http:\/\/127\.0\.0\.1:4999\/ad\.js" defer>/,
    );
  });

  it('serves its files and the heights stylesheet under its own prefix, and refuses a bad query with a reason', async () => {
    const app = Fastify();
    for (const plugin of both().plugins) await app.register(plugin.routes!, { prefix: `/plugins/${plugin.name}` });
    const head = both().render('head', ctxFor('en'));
    const scriptPath = /src="(\/plugins\/consent\/consent\.[0-9a-f]+\.js)"/.exec(head)![1]!;
    const script = await app.inject(scriptPath);
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toContain('window.dateline.consent');
    const css = await app.inject('/plugins/ad-slots/boxes.css?h=600,250,250');
    expect(css.body).toBe('.dl-ad-h250{min-height:250px}\n.dl-ad-h600{min-height:600px}\n');
    const bad = await app.inject('/plugins/ad-slots/boxes.css?h=250;color:red');
    expect([bad.statusCode, bad.body]).toEqual([
      400,
      'h must be up to 50 heights in pixels, separated by commas, e.g. h=250,600',
    ]);
    await app.close();
  });
});

describe('enabling the bundled plugins by name', () => {
  it('maps dateline/plugins/consent and dateline/plugins/ad-slots to what the build emits from their sources', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, { types: string; default: string }>;
    };
    for (const name of ['consent', 'ad-slots']) {
      const entry = pkg.exports[`./plugins/${name}`]!;
      expect(entry.types).toBe(`./src/bundled-plugins/${name}/plugin.ts`);
      expect(existsSync(new URL(`../../${entry.types}`, import.meta.url))).toBe(true);
      // tsconfig.build.json: rootDir src, outDir dist.
      expect(entry.default).toBe(entry.types.replace('./src/', './dist/').replace(/\.ts$/, '.js'));
    }
  });

  it('loads both through DATELINE_PLUGINS as the CLI does, ad-slots taking its URL from the environment', async () => {
    const before = process.env.DATELINE_AD_SCRIPT_URL;
    process.env.DATELINE_AD_SCRIPT_URL = 'https://ads.example.net/fill.js';
    try {
      const registry = await loadPlugins(
        ['./src/bundled-plugins/consent/plugin.ts', './src/bundled-plugins/ad-slots/plugin.ts'],
        { cwd: fileURLToPath(new URL('../../', import.meta.url)) },
      );
      expect(registry.plugins.map((p) => `${p.name}@${p.version}`)).toEqual(['consent@1.0.0', 'ad-slots@1.0.0']);
      expect(registry.csp.scriptSrc).toEqual(['https://ads.example.net']);
    } finally {
      if (before === undefined) delete process.env.DATELINE_AD_SCRIPT_URL;
      else process.env.DATELINE_AD_SCRIPT_URL = before;
    }
  });

  it('gives the newsroom’s Plugins page a labelled input for every setting', () => {
    const [consent, adSlots] = both().plugins;
    expect(settingsFormOf(consent!).map((i) => `${i.name}:${i.kind}`)).toEqual([
      'notices:lines',
      'policyUrl:text',
      'cookieDays:number',
      'recipients:lines',
    ]);
    expect(settingsFormOf(adSlots!).map((i) => `${i.name}:${i.kind}`)).toEqual(['placements:lines', 'label:text']);
    for (const input of [...settingsFormOf(consent!), ...settingsFormOf(adSlots!)])
      expect(input.label).not.toBe(input.name);
  });
});
