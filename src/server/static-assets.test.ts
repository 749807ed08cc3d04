import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadStaticAssets } from './static-assets.js';

const fileBytes = (name: string) => readFileSync(new URL(`../../static/${name}`, import.meta.url));
const fileNameOf = (href: string) => href.slice('/static/'.length);

describe('loadStaticAssets', () => {
  it('serves a file under a name fingerprinted from its bytes, with a Brotli copy of the same bytes', () => {
    const assets = loadStaticAssets(['site.css'], []);
    const href = assets.href('site.css');
    const hash = createHash('sha256').update(fileBytes('site.css')).digest('hex').slice(0, 10);
    expect(href).toBe(`/static/site.${hash}.css`);
    const entry = assets.lookup(fileNameOf(href))!;
    expect(entry.body.equals(fileBytes('site.css'))).toBe(true);
    expect(brotliDecompressSync(entry.br!).equals(fileBytes('site.css'))).toBe(true);
    expect(entry.cacheControl).toContain('immutable');
  });

  it('serves a built file, read at its first request, under the same name every time', () => {
    const assets = loadStaticAssets([], ['section-menu.js']);
    const href = assets.builtHref('section-menu.js')!;
    expect(href).toMatch(/^\/static\/section-menu\.[0-9a-f]{10}\.js$/);
    const entry = assets.lookup(fileNameOf(href))!;
    expect(entry.body.equals(fileBytes('section-menu.js'))).toBe(true);
    expect(entry.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.lookup(fileNameOf(href))).toBe(entry);
  });

  it('names no built file that is not there, and finds nothing under a name it never gave', () => {
    const assets = loadStaticAssets([], ['no-such-bundle.js']);
    expect(assets.builtHref('no-such-bundle.js')).toBeNull();
    expect(assets.lookup('section-menu.0000000000.js')).toBeUndefined();
  });
});
