import type { OrderTerm } from '../domain/content-api-query.js';
import type { Db } from '../storage/database.js';
import {
  authorProfileRows,
  countLiveInSectionOrTag,
  liveAuthorCountRows,
  liveSectionCountRows,
  liveTagStatRows,
  tagSpellingRows,
} from '../storage/repositories/content-api.repository.js';
import { ghostAuthor, plainTag, sectionTag, type GhostObject } from './content-api-objects.js';
import type { SiteContext } from './site-context.js';

/**
 * Tags and authors of the Content API (issue 16). Both lists are read whole and paged in memory: a newspaper has
 * sections, a few thousand tags and a few hundred authors, and the server keeps each answer until content changes.
 */

/** A tag or an author with how many live articles carry it (Ghost's `count.posts`: published posts only). */
export interface CountedObject {
  object: GhostObject;
  posts: number;
}

/**
 * Every section (as readers navigate them, in the site's first edition) and every tag a live article carries, as
 * Ghost's tags. Slugs are the tags' ids: a tag spelled as a section's slug is that section, and counts its articles
 * and the ones tagged so, each once.
 */
export const loadContentTags = async (db: Db, ctx: SiteContext, now: Date): Promise<CountedObject[]> => {
  const at = now.getTime();
  const [sectionCounts, tagStats] = await Promise.all([liveSectionCountRows(db, at), liveTagStatRows(db, at)]);
  const spellings = await tagSpellingRows(
    db,
    tagStats.map((t) => Number(t.newest)),
  );
  const spelled = new Map(spellings.map((r) => [`${r.article_id} ${r.tag_slug}`, r.tag]));
  const inSection = new Map(sectionCounts.map((r) => [r.section_id, Number(r.posts)]));
  const tagged = new Map(tagStats.map((t) => [t.tag_slug, t]));
  const tags = new Map<string, CountedObject>();
  for (const section of ctx.sections.all) {
    const alsoTag = tagged.has(section.slug);
    const posts = alsoTag
      ? await countLiveInSectionOrTag(db, at, section.id, section.slug)
      : (inSection.get(section.id) ?? 0);
    tags.set(section.slug, { object: sectionTag(ctx, section), posts });
  }
  for (const t of tagStats) {
    if (tags.has(t.tag_slug)) continue;
    const name = spelled.get(`${Number(t.newest)} ${t.tag_slug}`) ?? t.tag_slug;
    tags.set(t.tag_slug, { object: plainTag(ctx, name, t.tag_slug), posts: Number(t.posts) });
  }
  return [...tags.values()];
};

/** Every author profile as Ghost's authors, with how many live articles carry each byline. */
export const loadContentAuthors = async (db: Db, ctx: SiteContext, now: Date): Promise<CountedObject[]> => {
  const [rows, counts] = await Promise.all([authorProfileRows(db), liveAuthorCountRows(db, now.getTime())]);
  const posts = new Map(counts.map((c) => [c.author_id, Number(c.posts)]));
  return rows.map((row) => ({ object: ghostAuthor(ctx, row), posts: posts.get(row.id) ?? 0 }));
};

const compareText = (a: unknown, b: unknown): number => {
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Sorted by the query's order (name or slug), then by slug, so equal names keep one order. */
export const sortCounted = (list: readonly CountedObject[], order: readonly OrderTerm[]): CountedObject[] =>
  [...list].sort((a, b) => {
    for (const term of order) {
      const c = compareText(a.object[term.field], b.object[term.field]);
      if (c !== 0) return term.direction === 'asc' ? c : -c;
    }
    return compareText(a.object.slug, b.object.slug);
  });
