import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import {
  brotli,
  isCompressible,
  makeEntry,
  RENDERED_BROTLI_QUALITY,
  STATIC_BROTLI_QUALITY,
  type CachedResponse,
} from './page-cache.js';

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

/** Above this, a file with no Brotli copy from the build is compressed at start at the rendered pages' quality. */
const LARGE_BYTES = 64 * 1024;

/**
 * A static file in Brotli. At quality 11 the newsroom's editor bundle (400 KB) takes about a second, and every
 * worker would pay it at every start (tests too), so the build leaves `name.br` beside each file
 * (scripts/build-client.mjs). A copy is taken only when it decodes to the file as read now: a file edited since the
 * build has none. Without one, small files are compressed now at quality 11 (site.css: about 25 ms) and large ones
 * at the pages' quality (the bundle: about 35 ms, 11% larger than at 11).
 */
const brotliOf = (name: string, bytes: Buffer): Buffer => {
  const copy = new URL(`${name}.br`, STATIC_DIR);
  if (existsSync(copy)) {
    const br = readFileSync(copy);
    try {
      if (brotliDecompressSync(br).equals(bytes)) return br;
    } catch {
      // Not Brotli (cut short, or something else under that name): made again below.
    }
  }
  return brotli(bytes, bytes.byteLength > LARGE_BYTES ? RENDERED_BROTLI_QUALITY : STATIC_BROTLI_QUALITY);
};

/** A fingerprinted file name (`site.3f2a9c1d.css`) for `name` holding `bytes`. */
const fingerprinted = (name: string, bytes: Buffer): string => {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
};

/** The ready response for a static file: kept by browsers and CDNs forever, in Brotli for clients that ask. */
const assetEntry = (name: string, bytes: Buffer, br: () => Buffer): CachedResponse => {
  const contentType = TYPES[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
  return makeEntry(bytes, {
    contentType,
    cacheControl: 'public, max-age=31536000, immutable',
    expiresAt: Number.POSITIVE_INFINITY,
    ...(isCompressible(bytes.byteLength, contentType) ? { br: br() } : {}),
  });
};

/**
 * Reads the few static files once at start; fingerprinted names let browsers and CDNs keep them forever. `extra`
 * files come from elsewhere (a theme's stylesheets, issue 14) under their own names ("theme-broadsheet.css"), and
 * are served and cached the same way. Files the build makes for the newsroom (`built`: its editor, 424 KB and
 * 116 KB in Brotli) are only fingerprinted at start and read again at their first request: a reader process never
 * serves them, and held from the start they were half a megabyte of every server's memory (record 0030). One
 * changed since the start is not served under the name it no longer matches.
 */
export const loadStaticAssets = (
  names: string[] = ['site.css', 'view-beacon.js', 'article-page.js', 'section-menu.js', 'newsroom.css'],
  built: string[] = ['newsroom-editor.js'],
  extra: { name: string; bytes: Buffer }[] = [],
): StaticAssets => {
  const hrefs = new Map<string, string>();
  const files = new Map<string, CachedResponse>();
  /** Built files not yet asked for: fingerprinted name → logical name. */
  const later = new Map<string, string>();
  const read = (name: string) => readFileSync(new URL(name, STATIC_DIR));
  const add = (name: string, bytes: Buffer, br: () => Buffer) => {
    const fileName = fingerprinted(name, bytes);
    hrefs.set(name, `/static/${fileName}`);
    files.set(fileName, assetEntry(name, bytes, br));
  };
  for (const name of names) {
    const bytes = read(name);
    add(name, bytes, () => brotliOf(name, bytes));
  }
  for (const name of built.filter((b) => existsSync(new URL(b, STATIC_DIR)))) {
    const fileName = fingerprinted(name, read(name));
    hrefs.set(name, `/static/${fileName}`);
    later.set(fileName, name);
  }
  for (const { name, bytes } of extra) add(name, bytes, () => brotli(bytes, STATIC_BROTLI_QUALITY));
  const lookup = (fileName: string): CachedResponse | undefined => {
    const made = files.get(fileName);
    const name = later.get(fileName);
    if (made || name === undefined) return made;
    later.delete(fileName);
    let bytes: Buffer;
    try {
      bytes = read(name);
    } catch {
      return undefined;
    }
    if (fingerprinted(name, bytes) !== fileName) return undefined;
    const entry = assetEntry(name, bytes, () => brotliOf(name, bytes));
    files.set(fileName, entry);
    return entry;
  };
  return {
    href: (name) => {
      const h = hrefs.get(name);
      if (!h) throw new Error(`unknown static asset ${name}`);
      return h;
    },
    builtHref: (name) => hrefs.get(name) ?? null,
    lookup,
  };
};
