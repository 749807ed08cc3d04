import { createHash } from 'node:crypto';
import type sharp from 'sharp';
import {
  CROP_NAMES,
  cropFileName,
  cropSize,
  scaledHeight,
  variantName,
  variantWidths,
  type CropName,
} from '../domain/media.js';
import type { Db } from '../storage/database.js';
import {
  findMediaIdByHash,
  findMediaSourceRow,
  findMediaVariantRow,
  insertMediaRow,
  insertMediaVariantRow,
  insertMediaVariantRowIfAbsent,
} from '../storage/repositories/media.repository.js';

export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;

/**
 * AVIF at sharp's default quality. Effort 2 costs 0.3-0.4 s of CPU for the three widths of a photo, about what the
 * WebP and JPEG variants cost together, for files 40-50% smaller than the WebP ones; sharp's default effort (4) took
 * 6-8 times as long for files 1-5% smaller still (docs/architecture/0013-brotli.md, bench/image-cost.ts).
 */
export const AVIF = { quality: 50, effort: 2 } as const;

export class ImageRejected extends Error {}

let sharpModule: Promise<typeof sharp> | undefined;
/**
 * sharp (libvips, some 18 MB resident) is loaded at the first image, once: a process that only serves readers
 * never needs it, and importing it at start cost every worker the memory and some 90 ms of its cold start.
 */
export const loadSharp = (): Promise<typeof sharp> => (sharpModule ??= import('sharp').then((m) => m.default));

export interface StoredImage {
  mediaId: number;
  hash: string;
  width: number;
  height: number;
}

export interface PreparedImage {
  hash: string;
  width: number;
  height: number;
  variants: { name: string; mime: string; w: number; h: number; b: Buffer }[];
}

/** Decodes, checks and re-encodes an image, then stores it in one transaction. */
export const storeImage = async (db: Db, bytes: Uint8Array, now = new Date()): Promise<StoredImage> => {
  const prepared = await prepareImage(bytes);
  return db.transaction().execute((trx) => insertImage(trx, prepared, now));
};

/**
 * Decodes the upload (never trusting its name or declared type), then re-encodes responsive variants in
 * AVIF, WebP and JPEG. Re-encoding drops metadata such as GPS positions and neutralises malformed files.
 * CPU only, no storage: callers may prepare many images before opening one transaction.
 */
export const prepareImage = async (
  bytes: Uint8Array,
  opts: {
    /** false: no AVIF variants now; they are made at the first request for one (avifOnDemand), as for older images. */
    avif?: boolean;
  } = {},
): Promise<PreparedImage> => {
  if (bytes.byteLength === 0) throw new ImageRejected('the file is empty');
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new ImageRejected('the file is larger than 15 MB');
  // Outside the try below: sharp failing to load is the server's fault, not a sign that the file is unreadable.
  const sharp = await loadSharp();
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new ImageRejected('the file is not an image we can read (use JPEG, PNG, WebP or AVIF)');
  }
  if (!meta.format || !['jpeg', 'png', 'webp', 'avif', 'gif', 'svg'].includes(meta.format)) {
    throw new ImageRejected(
      `images of type ${meta.format ?? 'unknown'} are not accepted (use JPEG, PNG, WebP or AVIF)`,
    );
  }
  // EXIF orientation is applied, so width and height are what a reader sees. The header alone passed the check
  // above; a file cut short in transfer or damaged inside fails only here, when its pixels are decoded.
  const oriented = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new ImageRejected('the file is cut short or damaged; export it again and upload the new file');
    });
  const { width, height } = oriented.info;
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);

  const variants = await Promise.all(
    variantWidths(width).flatMap((w) => {
      const h = scaledHeight(w, { width, height });
      const resized = () => sharp(oriented.data).resize(w, h, { fit: 'fill' });
      return [
        ...(opts.avif === false
          ? []
          : [
              resized()
                .avif(AVIF)
                .toBuffer()
                .then((b) => ({ name: variantName(w, 'avif'), mime: 'image/avif', w, h, b })),
            ]),
        resized()
          .webp({ quality: 78 })
          .toBuffer()
          .then((b) => ({ name: variantName(w, 'webp'), mime: 'image/webp', w, h, b })),
        resized()
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 80, mozjpeg: true })
          .toBuffer()
          .then((b) => ({ name: variantName(w, 'jpg'), mime: 'image/jpeg', w, h, b })),
      ];
    }),
  );
  const crops = await Promise.all(CROP_NAMES.map((crop) => cutCrop(sharp, oriented.data, crop, { width, height })));
  return { hash, width, height, variants: [...variants, ...crops] };
};

/**
 * One crop (domain/media.ts CROPS): the largest centred region of its shape, scaled to its width, as JPEG (what
 * every card reader and search engine takes). `source` may be the original or a smaller kept variant of it.
 */
const cutCrop = async (
  sharp: typeof import('sharp'),
  source: Buffer | Uint8Array,
  crop: CropName,
  original: { width: number; height: number },
): Promise<PreparedImage['variants'][number]> => {
  const { width: w, height: h } = cropSize(crop, original);
  const b = await sharp(source)
    .resize(w, h, { fit: 'cover', position: 'centre' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
  return { name: cropFileName(crop), mime: 'image/jpeg', w, h, b };
};

/**
 * Images stored before crops existed get theirs at the first request, cut from the largest variant kept (the
 * original is not kept), then stored: later requests read them like any variant. Two first requests at once
 * both cut it; the second insert is ignored. Answers the crop's bytes, or null for an unknown image.
 */
export const cropOnDemand = async (
  db: Db,
  mediaId: number,
  hash: string,
  crop: CropName,
): Promise<{ mime: string; bytes: Buffer } | null> => {
  const source = await findMediaSourceRow(db, mediaId);
  if (!source || source.hash !== hash) return null;
  const cut = await cutCrop(await loadSharp(), Buffer.from(source.bytes), crop, source);
  await insertMediaVariantRowIfAbsent(db, {
    media_id: mediaId,
    name: cut.name,
    mime: cut.mime,
    width: cut.w,
    height: cut.h,
    bytes: cut.b,
  });
  return { mime: cut.mime, bytes: cut.b };
};

/**
 * Images stored before AVIF variants existed get them at the first request for one, encoded from the widest JPEG
 * kept (the original is not kept) and stored: later requests, and other processes, read them like any variant.
 * The media route shares one encode among concurrent requests in a process. Answers the variant's bytes, or null
 * for an unknown image or a width the image has no variant of.
 */
export const avifOnDemand = async (
  db: Db,
  mediaId: number,
  hash: string,
  width: number,
): Promise<{ mime: string; bytes: Buffer } | null> => {
  const source = await findMediaSourceRow(db, mediaId);
  if (!source || source.hash !== hash || !variantWidths(source.width).includes(width)) return null;
  const sharp = await loadSharp();
  const height = scaledHeight(width, source);
  const bytes = await sharp(Buffer.from(source.bytes)).resize(width, height, { fit: 'fill' }).avif(AVIF).toBuffer();
  await insertMediaVariantRowIfAbsent(db, {
    media_id: mediaId,
    name: variantName(width, 'avif'),
    mime: 'image/avif',
    width,
    height,
    bytes,
  });
  // Another process may have stored its encode first: every process then sends those same bytes.
  const stored = await findMediaVariantRow(db, mediaId, variantName(width, 'avif'));
  return { mime: 'image/avif', bytes: stored ? Buffer.from(stored.bytes) : bytes };
};

/** Stores a prepared image; the same bytes uploaded twice share one record. */
export const insertImage = async (trx: Db, image: PreparedImage, now: Date): Promise<StoredImage> => {
  const { hash, width, height } = image;
  const existing = await findMediaIdByHash(trx, hash);
  if (existing !== undefined) return { mediaId: existing, hash, width, height };
  const mediaId = await insertMediaRow(trx, { hash, width, height, mime: 'image/jpeg', created_at: now.getTime() });
  for (const v of image.variants) {
    await insertMediaVariantRow(trx, {
      media_id: mediaId,
      name: v.name,
      mime: v.mime,
      width: v.w,
      height: v.h,
      bytes: v.b,
    });
  }
  return { mediaId, hash, width, height };
};
