import { z } from 'zod';

/** The places an author may be found besides this site, in the order pages list them and `sameAs` names them. */
export const AUTHOR_LINK_KINDS = ['website', 'x', 'bluesky', 'mastodon', 'linkedin'] as const;
export type AuthorLinkKind = (typeof AUTHOR_LINK_KINDS)[number];

/** An author's links: each one an absolute http(s) URL, or absent. */
export type AuthorLinks = Partial<Record<AuthorLinkKind, string>>;

export const AUTHOR_LINK_LABELS: Record<AuthorLinkKind, string> = {
  website: 'Website',
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  linkedin: 'LinkedIn',
};

/** Only http(s): a `javascript:` or `data:` link on an author page would run or show whatever it holds. */
export const isHttpUrl = (text: string): boolean => {
  if (text.length > 500) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

// A stored link that is no longer acceptable (written by hand, or before a rule tightened) is dropped alone;
// the others stay.
const StoredLink = z.string().refine(isHttpUrl).optional().catch(undefined);
const StoredLinks = z
  .object(
    Object.fromEntries(AUTHOR_LINK_KINDS.map((k) => [k, StoredLink])) as Record<AuthorLinkKind, typeof StoredLink>,
  )
  .catch({});

/** The stored JSON of an author's links, as links; anything unreadable reads as no links. */
export function storedAuthorLinks(json: string): AuthorLinks {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return {};
  }
  return compactLinks(StoredLinks.parse(parsed));
}

/** The links with the absent ones left out, in the fixed order: what is stored and compared. */
export function compactLinks(links: AuthorLinks): AuthorLinks {
  const out: AuthorLinks = {};
  for (const kind of AUTHOR_LINK_KINDS) {
    const url = links[kind];
    if (url) out[kind] = url;
  }
  return out;
}
