import { mediaUrl, variantName, variantWidths } from '../../domain/media.js';
import type { PublisherImage } from '../../domain/settings.js';

/** Drawn 56 px high; the 400 px variant (or the original, when smaller) stays sharp on high-density screens. */
const LOGO_HEIGHT = 56;

/** The uploaded logo in place of the masthead's name; WebP keeps a logo's transparency. */
export const MastheadLogo = ({ logo, name }: { logo: PublisherImage; name: string }) => {
  const width = variantWidths(logo.width)[0]!;
  const shownWidth = Math.max(1, Math.round((logo.width * LOGO_HEIGHT) / logo.height));
  return (
    <img
      class="masthead-logo"
      src={mediaUrl(logo.mediaId, logo.hash, variantName(width, 'webp'))}
      alt={name}
      width={shownWidth}
      height={LOGO_HEIGHT}
    />
  );
};
