import { MAX_EMBED_URL } from './body-text.js';
import { groupDigits } from './digits.js';

/**
 * The one rule for an embed's address: the Embed dialog (client/embed-dialog.ts) says why it refuses one, and
 * converted HTML and imports (html-to-body-embeds.ts) keep as an embed only an address it would take.
 */

/**
 * The address as a save keeps it: the body's markup takes an embed only at an address starting with a lower-case
 * "https://" or "http://" (body-markup.ts), so a capitalised scheme is written the way it reads.
 */
export const embedAddress = (url: string): string =>
  url.trim().replace(/^https?:\/\//i, (scheme) => scheme.toLowerCase());

/** Why an address cannot be embedded, in words the writer can act on; null when it can. */
export const embedAddressProblem = (raw: string): string | null => {
  const url = embedAddress(raw);
  if (url === '') return 'Write the address of what to embed.';
  // "example.com/video" is the usual slip: say what to add rather than only what is wrong.
  if (/^[\w-]+(\.[\w-]+)+([/?#]|$)/.test(url) && !/\s/.test(url))
    return `Start the address with https:// (https://${url}).`;
  if (!/^https?:\/\//.test(url))
    return 'An embed shows something from another site: use its full address, starting with https:// or http://.';
  if ([...url].some((c) => /\s/.test(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return 'An address has no spaces or line breaks in it: copy it again from the page to embed.';
  // The browser would read "https:///video" as the site "video": the site's name must follow the scheme itself.
  let host = '';
  try {
    if (!/^https?:\/\/[/\\?#]/.test(url)) host = new URL(url).hostname;
  } catch {
    // Left empty: said below.
  }
  if (host === '')
    return `Write the site's name after ${/^https/.test(url) ? 'https' : 'http'}://, as in https://example.com/video.`;
  if (url.length > MAX_EMBED_URL)
    return `The address is ${groupDigits(url.length)} characters long; an embed takes at most ${groupDigits(MAX_EMBED_URL)}.`;
  return null;
};
