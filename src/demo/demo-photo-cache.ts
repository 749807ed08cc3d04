import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSharp, prepareImage, type PreparedImage } from '../services/store-image.js';
import type { DemoArticle } from './demo-content.js';

const PHOTO_WIDTH = 1200;
const PHOTO_HEIGHT = 800;

/**
 * Every demo article's illustration, rasterised and prepared as an upload would be (through the cache when given a
 * folder), by the article's key.
 */
export const prepareDemoPhotos = async (
  articles: readonly DemoArticle[],
  folder: string | null,
): Promise<Map<string, PreparedImage>> => {
  // The drawings (1,500 lines) are read only now, for an empty database: a worker never loads them.
  const { illustrationSvg } = await import('./demo-illustration.js');
  const photos = new Map<string, PreparedImage>();
  for (const a of articles) {
    if (!a.photo) continue;
    const svg = illustrationSvg(a.photo.scene, a.key, PHOTO_WIDTH, PHOTO_HEIGHT);
    // Without AVIF, made when first asked for: encoding it for 35 pictures took the seed from 17 to 32 s of CPU
    // (docs/architecture/0013-brotli.md), on the first start of every new install.
    const prepare = async () => {
      const sharp = await loadSharp();
      return prepareImage(await sharp(Buffer.from(svg)).png().toBuffer(), { avif: false });
    };
    photos.set(a.key, await cachedPreparation(folder, svg, 'png, no avif', prepare));
  }
  return photos;
};

/**
 * Bump when prepareImage's output changes (its variants, crops, encoders or their settings): a cache made before
 * then is no longer read. demo-photo-cache.test.ts compares a cached photo with a fresh one, so a forgotten bump
 * fails there on any machine with a warm cache.
 */
export const PREPARE_REVISION = 1;

/** The cache's name of one picture: its SVG and everything else that decides the prepared variants. */
const keyOf = (svg: string, options: string): string =>
  createHash('sha256').update(`${PREPARE_REVISION}\0${options}\0${svg}`).digest('hex').slice(0, 32);

/**
 * Prepared demo illustrations kept on disk between seeds (DATELINE_DEMO_PHOTO_CACHE, a development and test
 * setting). Rasterising and encoding the demo's 35 pictures is some 12 s of CPU per seed, and the test suite seeds
 * the demo in about twenty files; the pictures depend only on their SVG text and the encoding pipeline. One file a
 * picture: a 4-byte length, a JSON header, then the variants' bytes; written to a temporary name and renamed, so
 * parallel seeds never read half a file. Without a folder, every seed prepares its pictures (a real install seeds
 * once).
 */
export const cachedPreparation = async (
  folder: string | null,
  svg: string,
  options: string,
  prepare: () => Promise<PreparedImage>,
): Promise<PreparedImage> => {
  if (folder === null) return prepare();
  const file = join(folder, `${keyOf(svg, options)}.bin`);
  const kept = readKept(file);
  if (kept) return kept;
  const prepared = await prepare();
  try {
    mkdirSync(folder, { recursive: true });
    const header = Buffer.from(
      JSON.stringify({
        hash: prepared.hash,
        width: prepared.width,
        height: prepared.height,
        variants: prepared.variants.map(({ b, ...rest }) => ({ ...rest, bytes: b.byteLength })),
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.byteLength);
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, Buffer.concat([length, header, ...prepared.variants.map((v) => v.b)]));
    renameSync(partial, file);
  } catch {
    // A folder that cannot be written to only costs the next seed the same work.
  }
  return prepared;
};

const readKept = (file: string): PreparedImage | null => {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return null;
  }
  try {
    const headerEnd = 4 + data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, headerEnd).toString('utf8')) as Omit<PreparedImage, 'variants'> & {
      variants: (Omit<PreparedImage['variants'][number], 'b'> & { bytes: number })[];
    };
    let at = headerEnd;
    const variants = header.variants.map(({ bytes, ...rest }) => {
      const b = Buffer.from(data.subarray(at, at + bytes));
      at += bytes;
      return { ...rest, b };
    });
    if (at !== data.byteLength || variants.some((v) => v.b.byteLength === 0)) return null;
    return { hash: header.hash, width: header.width, height: header.height, variants };
  } catch {
    return null;
  }
};
