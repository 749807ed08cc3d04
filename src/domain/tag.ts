/**
 * Tags are typed freely in the newsroom, so one subject arrives spelled several ways ("Climate change",
 * "climate-change", "Climate  Change"). Its slug is what they share: the page address, and the key the tag
 * page, its feed and the sitemap look tags up by. Letters of any script are kept (a Korean or Japanese tag gets a
 * readable address, percent-encoded on the wire); Latin accents are dropped so "Café" and "cafe" meet.
 */

const MAX_TAG_SLUG = 80;

/** Latin combining accents only: other scripts' marks (Devanagari vowel signs, for one) are part of the word. */
const LATIN_ACCENTS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’‘`]/g;
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** "Self-Defense Forces" → "self-defense-forces"; "Côte d’Ivoire" → "cote-divoire"; "한국" → "한국". */
export function tagSlug(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(LATIN_ACCENTS, '')
    // Recompose what NFKD took apart in other scripts (Hangul syllables fall into separate jamo).
    .normalize('NFC')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(NOT_WORD, '-')
    .replace(/^-+|-+$/g, '');
  if (words === '') return symbolSlug(name);
  return cutAtDash([...words]);
}

/** A tag of symbols alone ("#", "++") still needs an address of its own that the same symbols always give. */
function symbolSlug(name: string): string {
  const points = [...name.trim()].map((c) => c.codePointAt(0)!.toString(16));
  return points.length === 0 ? 'tag' : `tag-${points.join('-')}`.slice(0, MAX_TAG_SLUG).replace(/-+$/, '');
}

/** Counts characters, not UTF-16 units, so a cut never splits a character in two. */
function cutAtDash(chars: string[]): string {
  if (chars.length <= MAX_TAG_SLUG) return chars.join('');
  const cut = chars.slice(0, MAX_TAG_SLUG).join('');
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > MAX_TAG_SLUG / 2 ? cut.slice(0, lastDash) : cut).replace(/-+$/, '');
}

const TAG_SLUG_PATTERN = /^[\p{L}\p{N}\p{M}]+(?:-[\p{L}\p{N}\p{M}]+)*$/u;

/** Whether `s` could be a tag slug: what a `/tag/{slug}/` address is checked against before any query. */
export function isTagSlug(s: string): boolean {
  return [...s].length <= MAX_TAG_SLUG && TAG_SLUG_PATTERN.test(s) && s === s.toLowerCase();
}
