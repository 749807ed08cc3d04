import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The bundled plugins' client files: static/plugins/ (the same depth from src/bundled-plugins/ and dist/…). */
const ASSET_DIR = new URL('../../static/plugins/', import.meta.url);

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/** A client file a bundled plugin serves from its own routes, under a name that changes with its bytes. */
export interface PluginAsset {
  /** The fingerprinted file name, e.g. consent.3f2a9c1d0b.js. */
  fileName: string;
  /** Its address on the site: /plugins/{plugin}/{fileName}. */
  href: string;
  contentType: string;
  bytes: Buffer;
}

/** Reads a file of static/plugins/ once, when the plugin is created. */
export const loadPluginAsset = (plugin: string, name: string): PluginAsset => {
  const bytes = readFileSync(new URL(name, ASSET_DIR));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  const fileName = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  return {
    fileName,
    href: `/plugins/${plugin}/${fileName}`,
    contentType: TYPES[name.slice(dot + 1)] ?? 'application/octet-stream',
    bytes,
  };
};

/** Immutable: the name changes whenever the bytes do, so browsers and CDNs may keep a copy for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** GET routes for the assets, inside the plugin's own prefix (the app mounts `routes` under /plugins/{name}/). */
export const serveAssets = (app: FastifyInstance, assets: readonly PluginAsset[]): void => {
  for (const asset of assets)
    app.get(`/${asset.fileName}`, (_req, reply) =>
      reply.header('cache-control', IMMUTABLE).type(asset.contentType).send(asset.bytes),
    );
};

/** Escapes text for HTML, for the few strings the plugins write into attributes. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
