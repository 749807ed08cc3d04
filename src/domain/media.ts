/** Responsive widths we keep for every uploaded image; never wider than the original. */
export const VARIANT_WIDTHS = [400, 800, 1200] as const;

export type VariantFormat = 'avif' | 'webp' | 'jpg';

export const variantWidths = (originalWidth: number): number[] => {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < originalWidth);
  if (originalWidth <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!) widths.push(originalWidth);
  else widths.push(VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!);
  return [...new Set(widths)];
};

export const variantName = (width: number, format: VariantFormat): string => `w${width}.${format}`;

export const mediaUrl = (mediaId: number, hash: string, name: string): string => `/media/${mediaId}-${hash}/${name}`;

export const scaledHeight = (width: number, original: { width: number; height: number }): number =>
  Math.max(1, Math.round((original.height * width) / original.width));

export const VARIANT_NAME_PATTERN = /^w([1-9]\d{1,4})\.(avif|webp|jpg)$/;

/**
 * The width of an AVIF variant named `name` ("w800.avif"), or null for any other name. Images stored before AVIF
 * variants existed get theirs when first asked for (services/store-image.ts).
 */
export const avifWidthOfName = (name: string): number | null => {
  const m = VARIANT_NAME_PATTERN.exec(name);
  return m && m[2] === 'avif' ? Number(m[1]) : null;
};

/**
 * Crops for search results and shared links: Google shows an article's image at 16:9, 4:3 or 1:1 and asks for
 * each (at least 1,200 px wide); Open Graph cards are 1.91:1 at 1200×630. Each is cut from the image's centre.
 */
export const CROPS = {
  c16x9: { w: 16, h: 9 },
  c4x3: { w: 4, h: 3 },
  c1x1: { w: 1, h: 1 },
  og: { w: 1200, h: 630 },
} as const;
export type CropName = keyof typeof CROPS;
export const CROP_NAMES = Object.keys(CROPS) as CropName[];
/** The three crops a NewsArticle's `image` lists, widest first. */
export const ARTICLE_CROPS = ['c16x9', 'c4x3', 'c1x1'] as const satisfies readonly CropName[];

export const CROP_WIDTH = 1200;

export const cropFileName = (crop: CropName): string => `${crop}.jpg`;

/**
 * A crop is 1,200 px wide, or as wide as the original when that is narrower; a region cut from a wide original
 * narrower than that (a square from a panorama) is scaled up to it, so every crop of an image has one width.
 */
export const cropSize = (crop: CropName, original: { width: number }): { width: number; height: number } => {
  const width = Math.min(CROP_WIDTH, original.width);
  const { w, h } = CROPS[crop];
  return { width, height: Math.max(1, Math.round((width * h) / w)) };
};

export const CROP_NAME_PATTERN = /^(c16x9|c4x3|c1x1|og)\.jpg$/;

export const cropOfFileName = (name: string): CropName | null => {
  const m = CROP_NAME_PATTERN.exec(name);
  return m ? (m[1] as CropName) : null;
};
