import { fillBox } from './ranking.js';

/**
 * What an article page offers at its end: "Related" (the stories closest in subject) and "More in {Section}"
 * (the section's newest others). Both are chosen here from candidates the storage found; this file decides
 * only the order, so the rule is tested without a database.
 */

/** Related lists at most this many stories sharing a tag with the article. */
export const RELATED_MAX = 6;
/** Fewer than this sharing a tag, Related is topped up to it with stories of the same section. */
export const RELATED_MIN = 4;
/** "More in {Section}" is a short list: the section front has the rest. */
export const MORE_IN_SECTION_COUNT = 5;

/** The article whose end is being filled. */
export interface RelatedTo {
  id: number;
  /** Its tags' slugs (domain/tag.ts): two spellings of one tag are one tag. */
  tagSlugs: readonly string[];
  /** Its own section, the closest there is. */
  sectionId: number;
  /** Its top-level section and that section's subsections: the same section, more loosely. */
  familyIds: readonly number[];
}

/** A live story the storage found through one of the article's tags, or among a section's newest. */
export interface RelatedCandidate {
  id: number;
  sectionId: number;
  /** Epoch milliseconds. */
  publishedAt: number;
  /** The tag (slug) it was found through; null when it was found as one of a section's newest. */
  viaTag: string | null;
}

interface Scored {
  id: number;
  /** Distinct tags shared with the article. */
  shared: number;
  /** 2 in the article's own section, 1 elsewhere in its top-level section's family, 0 outside. */
  nearness: number;
  publishedAt: number;
}

/**
 * A candidate found several times (once per shared tag, and maybe among a section's newest) is one story; its
 * score counts the distinct tags it shares with the article. Tags the article does not carry, and the article
 * itself, count for nothing.
 */
function score(to: RelatedTo, candidates: readonly RelatedCandidate[]): Scored[] {
  const ownTags = new Set(to.tagSlugs);
  const family = new Set(to.familyIds);
  const byId = new Map<number, { tags: Set<string>; nearness: number; publishedAt: number }>();
  for (const c of candidates) {
    if (c.id === to.id) continue;
    const nearness = c.sectionId === to.sectionId ? 2 : family.has(c.sectionId) ? 1 : 0;
    const entry = byId.get(c.id) ?? { tags: new Set<string>(), nearness, publishedAt: c.publishedAt };
    if (c.viaTag !== null && ownTags.has(c.viaTag)) entry.tags.add(c.viaTag);
    byId.set(c.id, entry);
  }
  return [...byId].map(([id, e]) => ({ id, shared: e.tags.size, nearness: e.nearness, publishedAt: e.publishedAt }));
}

/** Most shared tags first; among equals the nearer section first; then newer first; the higher id breaks a tie. */
function closerFirst(a: Scored, b: Scored): number {
  return b.shared - a.shared || b.nearness - a.nearness || b.publishedAt - a.publishedAt || b.id - a.id;
}

/**
 * The ids of the Related list, best first: up to RELATED_MAX stories sharing the most tags with the article;
 * when fewer than RELATED_MIN share one, topped up to RELATED_MIN with stories of the same section (its own
 * section before the rest of its top-level section), newer first. Never the article itself, and never a story
 * that shares neither a tag nor the section. Topping up stops at the minimum so the section's newest are left
 * for "More in {Section}".
 */
export function relatedIds(
  to: RelatedTo,
  candidates: readonly RelatedCandidate[],
  max = RELATED_MAX,
  min = RELATED_MIN,
): number[] {
  const ranked = score(to, candidates).sort(closerFirst);
  const sharing = ranked.filter((s) => s.shared > 0).slice(0, max);
  const sameSection = ranked.filter((s) => s.shared === 0 && s.nearness > 0);
  return [...sharing, ...sameSection.slice(0, Math.max(0, min - sharing.length))].map((s) => s.id);
}

/**
 * The ids of "More in {Section}": the section's newest (`sectionNewest`, newest first), leaving out the article
 * and whatever Related already shows, so the end of the page never offers one story twice.
 */
export function moreInSectionIds(
  articleId: number,
  sectionNewest: readonly number[],
  related: readonly number[],
  count = MORE_IN_SECTION_COUNT,
): number[] {
  return fillBox(count, [[...sectionNewest]], new Set([articleId, ...related]));
}
