import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { makeEntry, type CachedResponse } from './page-cache.js';

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};

export interface StaticAssets {
  /** Logical name ("site.css") → fingerprinted URL ("/static/site.3f2a9c1d.css"). */
  href(name: string): string;
  /** The same for files made by the build (the newsroom editor bundle); null when not built. */
  builtHref(name: string): string | null;
  /** Fingerprinted file name → ready response. */
  lookup(fileName: string): CachedResponse | undefined;
}

const STATIC_DIR = new URL('../../static/', import.meta.url);

/** Reads the few static files once at start; fingerprinted names let browsers and CDNs keep them forever. */
export const loadStaticAssets = (
  names: string[] = ['site.css', 'view-beacon.js', 'newsroom.css'],
  built: string[] = ['newsroom-editor.js'],
): StaticAssets => {
  const hrefs = new Map<string, string>();
  const files = new Map<string, CachedResponse>();
  for (const name of [...names, ...built.filter((b) => existsSync(new URL(b, STATIC_DIR)))]) {
    const bytes = readFileSync(new URL(name, STATIC_DIR));
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const fileName = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    hrefs.set(name, `/static/${fileName}`);
    files.set(
      fileName,
      makeEntry(bytes, {
        contentType: TYPES[name.slice(dot + 1)] ?? 'application/octet-stream',
        cacheControl: 'public, max-age=31536000, immutable',
        expiresAt: Number.POSITIVE_INFINITY,
      }),
    );
  }
  return {
    href: (name) => {
      const h = hrefs.get(name);
      if (!h) throw new Error(`unknown static asset ${name}`);
      return h;
    },
    builtHref: (name) => hrefs.get(name) ?? null,
    lookup: (fileName) => files.get(fileName),
  };
};
