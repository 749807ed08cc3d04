import type { MediaRef } from '../../domain/article.js';
import { mediaUrl, scaledHeight, variantName, variantWidths, type VariantFormat } from '../../domain/media.js';

interface PictureProps {
  photo: MediaRef & { alt: string };
  /** The `sizes` attribute: how wide the image is drawn at each viewport width. */
  sizes: string;
  /** The fallback <img src> width. */
  width: number;
  /**
   * The widest variant worth listing: a thumbnail drawn at most 12rem wide needs no 800 or 1200 px copy even on a
   * 3x screen, and each width listed costs three URLs in the page (one per format), twenty times over on a home
   * page. The smallest variant is always listed.
   */
  maxWidth?: number;
  eager?: boolean;
  /** The first image above the fold (the largest paint): loaded at once and ahead of other images. */
  priority?: boolean;
}

/**
 * A responsive <picture>: AVIF, then WebP, with a JPEG fallback, width and height always set so nothing shifts.
 * Every photo has AVIF variants: those stored before they existed are made at the first request for one
 * (services/store-image.ts avifOnDemand).
 */
export const Picture = ({ photo, sizes, width, maxWidth, eager, priority }: PictureProps) => {
  const all = variantWidths(photo.width);
  const widths = maxWidth === undefined ? all : all.filter((w, i) => i === 0 || w <= maxWidth);
  const srcset = (format: VariantFormat) =>
    widths.map((w) => `${mediaUrl(photo.mediaId, photo.hash, variantName(w, format))} ${w}w`).join(', ');
  const fallback = widths.find((w) => w >= width) ?? widths[widths.length - 1]!;
  return (
    <picture>
      <source type="image/avif" srcset={srcset('avif')} sizes={sizes} />
      <source type="image/webp" srcset={srcset('webp')} sizes={sizes} />
      <img
        src={mediaUrl(photo.mediaId, photo.hash, variantName(fallback, 'jpg'))}
        srcset={srcset('jpg')}
        sizes={sizes}
        width={fallback}
        height={scaledHeight(fallback, photo)}
        alt={photo.alt}
        loading={eager || priority ? 'eager' : 'lazy'}
        fetchpriority={priority ? 'high' : undefined}
        decoding="async"
      />
    </picture>
  );
};
