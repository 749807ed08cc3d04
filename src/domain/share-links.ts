/**
 * Share links for an article: plain addresses of each service's own share page, so sharing needs no script,
 * no button widget and no tracker of theirs on our pages. Each takes the article's canonical absolute URL and
 * its headline, encoded as a URI component (a space is %20, never +, which mailto: would show as a plus).
 */

export interface ShareLink {
  /** The name shown on the link. */
  name: string;
  href: string;
  /** Another site: opened in a new tab so the reader keeps the article. Email stays in the mail client's hands. */
  external: boolean;
}

const enc = encodeURIComponent;

/** X, Facebook, LinkedIn, LINE, Bluesky and email, in that order. */
export function shareLinks(url: string, headline: string): ShareLink[] {
  return [
    { name: 'X', href: `https://x.com/intent/tweet?text=${enc(headline)}&url=${enc(url)}`, external: true },
    { name: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${enc(url)}`, external: true },
    { name: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${enc(url)}`, external: true },
    { name: 'LINE', href: `https://social-plugins.line.me/lineit/share?url=${enc(url)}`, external: true },
    // Bluesky's composer takes one text: the headline, then the address, which it turns into a link card.
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${enc(`${headline} ${url}`)}`, external: true },
    { name: 'Email', href: `mailto:?subject=${enc(headline)}&body=${enc(url)}`, external: false },
  ];
}
