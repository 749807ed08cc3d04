/** Responsive widths we keep for every uploaded image; never wider than the original. */
export const VARIANT_WIDTHS = [400, 800, 1200] as const;

export type VariantFormat = 'webp' | 'jpg';

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

export const VARIANT_NAME_PATTERN = /^w([1-9]\d{1,4})\.(webp|jpg)$/;
