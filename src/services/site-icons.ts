import { FAVICON_SIZES, initialsOf, initialsSvg, packIco, PNG_ICONS, type PngIconPath } from '../domain/site-icons.js';
import { variantName, variantWidths } from '../domain/media.js';
import type { PublisherImage, SiteSettings } from '../domain/settings.js';
import type { Db } from '../storage/database.js';
import { findMediaVariantRow } from '../storage/repositories/media.repository.js';
import { loadSharp } from './store-image.js';

export interface IconSet {
  png: Map<PngIconPath, Buffer>;
  ico: Buffer;
}

type IconSettings = Pick<SiteSettings, 'publicationName' | 'logo' | 'icon'>;

/** What decides the icons' pixels: when it has not changed, neither have they. */
export const iconSourceKey = (settings: IconSettings): string =>
  JSON.stringify([
    settings.icon?.mediaId ?? null,
    settings.logo?.mediaId ?? null,
    initialsOf(settings.publicationName),
  ]);

/** The widest kept WebP of an uploaded image (WebP keeps a logo's transparency), or null when it is gone. */
const uploadedBytes = async (db: Db, image: PublisherImage): Promise<Buffer | null> => {
  const row = await findMediaVariantRow(db, image.mediaId, variantName(variantWidths(image.width).at(-1)!, 'webp'));
  return row && row.hash === image.hash ? Buffer.from(row.bytes) : null;
};

interface IconSource {
  bytes: Buffer;
  /** A square icon fills the square; a wide logo is fitted inside it on white. */
  fit: 'cover' | 'contain';
}

/** The uploaded icon, else the logo, else the initials drawn: there is always a source. */
const iconSource = async (db: Db, settings: IconSettings): Promise<IconSource> => {
  const icon = settings.icon && (await uploadedBytes(db, settings.icon));
  if (icon) return { bytes: icon, fit: 'cover' };
  const logo = settings.logo && (await uploadedBytes(db, settings.logo));
  if (logo) return { bytes: logo, fit: 'contain' };
  return { bytes: Buffer.from(initialsSvg(initialsOf(settings.publicationName))), fit: 'cover' };
};

/**
 * Renders every icon (three PNGs and the .ico) from one source. Home-screen icons are opaque (iOS fills
 * transparency with black), so all are flattened onto white.
 */
export const renderIconSet = async (db: Db, settings: IconSettings): Promise<IconSet> => {
  const sharp = await loadSharp();
  const source = await iconSource(db, settings);
  const square = (size: number): Promise<Buffer> =>
    sharp(source.bytes, { density: 144 })
      .resize(size, size, { fit: source.fit, background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
  const paths = Object.keys(PNG_ICONS) as PngIconPath[];
  const [pngs, favicons] = await Promise.all([
    Promise.all(paths.map((p) => square(PNG_ICONS[p]))),
    Promise.all(FAVICON_SIZES.map(async (size) => ({ size, png: await square(size) }))),
  ]);
  return { png: new Map(paths.map((p, i) => [p, pngs[i]!])), ico: Buffer.from(packIco(favicons)) };
};
