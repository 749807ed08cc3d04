/** How the WXR reader names an element: `wp:post_id`, `content:encoded`, whatever prefix the file chose. */
import type { SaxesTagNS } from 'saxes';

/** Namespace addresses without their scheme, as both spellings share them. */
const NAMESPACES: Record<string, string> = {
  'purl.org/rss/1.0/modules/content/': 'content',
  'purl.org/dc/elements/1.1/': 'dc',
  'wellformedweb.org/CommentAPI/': 'wfw',
};

const prefixOf = (uri: string): string => {
  const bare = uri.replace(/^https?:\/\//, '');
  if (NAMESPACES[bare]) return NAMESPACES[bare];
  if (/^wordpress\.org\/export\/1\.\d\/excerpt\/$/.test(bare)) return 'excerpt';
  if (/^wordpress\.org\/export\/1\.\d\/$/.test(bare)) return 'wp';
  return bare === '' ? '' : 'other';
};

export const nameOf = (tag: SaxesTagNS): string => {
  const prefix = prefixOf(tag.uri);
  return prefix === '' ? tag.local : `${prefix}:${tag.local}`;
};
