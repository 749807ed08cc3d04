import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { ImageRejected, MAX_IMAGE_BYTES, prepareImage, type PreparedImage } from './store-image.js';

/**
 * Where an importer gets an image (records 0024, 0027): from a local copy of the old site's image folder (--uploads
 * DIR, the usual way: WordPress's `wp-content/uploads`, Ghost's `content/images`), else over the network with a
 * timeout and a few at a time. An image that cannot be had is a reason in the report, never a failure of the import.
 */
export interface MediaOptions {
  /** A local copy of the old site's image folder, and the part of an image's path that leads into it. */
  uploads?: { dir: string; marker: string };
  /** How long one download may take. */
  timeoutMs: number;
  /** Downloads (and encodes) at once. */
  parallel: number;
}

export type MediaResult = { ok: true; image: PreparedImage } | { ok: false; why: string };

/** The file under DIR an address names (after `marker`, "/wp-content/uploads/"), or null when it names none. */
export function uploadsFileOf(url: string, { dir, marker }: { dir: string; marker: string }): string | null {
  let path: string;
  try {
    // A path on the old site ("/content/images/…") is read as one on any host.
    path = decodeURIComponent(new URL(url, 'http://old-site.invalid').pathname);
  } catch {
    return null;
  }
  const at = path.indexOf(marker);
  if (at < 0) return null;
  const root = resolve(dir);
  const file = resolve(root, path.slice(at + marker.length));
  return file.startsWith(root + sep) ? file : null;
}

async function bytesOf(url: string, opts: MediaOptions): Promise<Uint8Array | string> {
  const local = opts.uploads === undefined ? null : uploadsFileOf(url, opts.uploads);
  if (local !== null) {
    try {
      return await readFile(local);
    } catch {
      return `it is not in the uploads folder (${local})`;
    }
  }
  if (url.startsWith('/')) return 'it is a path on the old site, and no site address (--url) or --uploads was given';
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return 'its address cannot be read';
  }
  if (address.protocol !== 'http:' && address.protocol !== 'https:') return 'its address is not http(s)';
  try {
    const res = await fetch(address, { signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'follow' });
    if (!res.ok) return `the server answered ${res.status}`;
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_IMAGE_BYTES) return 'it is larger than 15 MB';
    const bytes = new Uint8Array(await res.arrayBuffer());
    return bytes.byteLength > MAX_IMAGE_BYTES ? 'it is larger than 15 MB' : bytes;
  } catch (error) {
    const name = (error as Error).name;
    return name === 'TimeoutError' || name === 'AbortError'
      ? `it did not arrive within ${opts.timeoutMs / 1000} s`
      : 'it could not be downloaded';
  }
}

/** One image fetched (or read) and encoded; the reason when it cannot be. */
export async function loadImage(url: string, opts: MediaOptions): Promise<MediaResult> {
  const bytes = await bytesOf(url, opts);
  if (typeof bytes === 'string') return { ok: false, why: bytes };
  try {
    // AVIF variants are made at the first request for one: an archive of thousands of images imports in minutes.
    return { ok: true, image: await prepareImage(bytes, { avif: false }) };
  } catch (error) {
    if (error instanceof ImageRejected) return { ok: false, why: error.message };
    throw error;
  }
}

/** Every address loaded, at most `opts.parallel` at once. */
export async function loadImages(urls: readonly string[], opts: MediaOptions): Promise<Map<string, MediaResult>> {
  const out = new Map<string, MediaResult>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      out.set(url, await loadImage(url, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel, urls.length) }, worker));
  return out;
}
