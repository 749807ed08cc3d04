/**
 * The publication's icons: which files exist, the initials drawn when no image was uploaded, and the .ico
 * container (browsers still ask for /favicon.ico on their own, and sharp writes no ICO).
 */

/** Every PNG icon we serve, by path, with its square size. */
export const PNG_ICONS = {
  '/apple-touch-icon.png': 180,
  '/icon-192.png': 192,
  '/icon-512.png': 512,
} as const;
export type PngIconPath = keyof typeof PNG_ICONS;

/** Sizes packed into /favicon.ico: tabs, taskbars and high-density tabs. */
export const FAVICON_SIZES = [16, 32, 48] as const;

/** Words of a name that are left out of its initials. */
const MINOR_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'for', 'de', 'la', 'le', 'el', 'die', 'der', 'das']);

/** "Dateline News" → "DN", "The Daily Ledger" → "DL", "Ledger" → "L"; at most two letters, upper case. */
export const initialsOf = (name: string): string => {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const major = words.filter((w) => !MINOR_WORDS.has(w.toLowerCase()));
  const chosen = (major.length > 0 ? major : words).slice(0, 2);
  const letters = chosen.map((w) => Array.from(w)[0]!.toLocaleUpperCase()).join('');
  return letters === '' ? '?' : letters;
};

const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Two letters fill about half the square; one letter may be larger. */
export const initialsSvg = (initials: string, size = 512): string => {
  const fontSize = Math.round(size * (Array.from(initials).length > 1 ? 0.44 : 0.6));
  const half = size / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">` +
    `<rect width="${size}" height="${size}" fill="#1d2a3a"/>` +
    `<text x="${half}" y="${half}" fill="#ffffff" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" ` +
    `font-weight="700" font-size="${fontSize}" text-anchor="middle" dominant-baseline="central">` +
    `${escapeXml(initials)}</text></svg>`
  );
};

/**
 * An ICO file holding PNG images (allowed since Windows Vista, read by every current browser): a 6-byte header,
 * a 16-byte entry per image, then the images. A width or height of 256 is written as 0.
 */
export const packIco = (images: readonly { size: number; png: Uint8Array }[]): Uint8Array => {
  const headerBytes = 6 + 16 * images.length;
  const total = headerBytes + images.reduce((n, i) => n + i.png.byteLength, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true);
  view.setUint16(2, 1, true);
  view.setUint16(4, images.length, true);
  let offset = headerBytes;
  images.forEach((image, i) => {
    const entry = 6 + 16 * i;
    view.setUint8(entry, image.size >= 256 ? 0 : image.size);
    view.setUint8(entry + 1, image.size >= 256 ? 0 : image.size);
    view.setUint8(entry + 2, 0);
    view.setUint8(entry + 3, 0);
    view.setUint16(entry + 4, 1, true);
    view.setUint16(entry + 6, 32, true);
    view.setUint32(entry + 8, image.png.byteLength, true);
    view.setUint32(entry + 12, offset, true);
    out.set(image.png, offset);
    offset += image.png.byteLength;
  });
  return out;
};

/** The web app manifest: names, colours and the PNG icons. */
export const webManifest = (site: { publicationName: string; shortName: string; language: string }) => ({
  name: site.publicationName,
  short_name: site.shortName,
  lang: site.language,
  start_url: '/',
  scope: '/',
  display: 'browser',
  background_color: '#ffffff',
  theme_color: '#1d2a3a',
  icons: (['/icon-192.png', '/icon-512.png'] as const).map((src) => ({
    src,
    sizes: `${PNG_ICONS[src]}x${PNG_ICONS[src]}`,
    type: 'image/png',
    purpose: 'any',
  })),
});
