import type { RankedArticleMeta } from '../domain/ranking.js';
import { topLevelOf, type SectionTree } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { publishedArticleMetaRows } from '../storage/repositories/article.repository.js';

const CHUNK = 500;

/**
 * What view counting and ranking need to know of articles (top-level section, publish time), held in memory
 * for the articles that matter: those with views in the last 7 days and those beacons name. Nothing is loaded
 * for the rest of the archive, so start-up and content changes cost the same at 100,000 articles as at 100.
 * Scheduled articles are held with their time and become visible when it comes.
 */
export interface ArticleDirectory {
  /** From memory: the article if known and visible at `nowMs`. */
  visible(id: number, nowMs: number): RankedArticleMeta | undefined;
  /** From memory, else one primary-key lookup. */
  lookup(id: number, nowMs: number): Promise<RankedArticleMeta | undefined>;
  /** Fetches whichever of `ids` are not held yet. */
  ensure(ids: Iterable<number>): Promise<void>;
  /** After content changed: fetches every held article again (status, section or time may have changed). */
  refresh(sections: SectionTree): Promise<void>;
  readonly version: number;
  readonly size: number;
}

export const createArticleDirectory = (db: Db, initialSections: SectionTree): ArticleDirectory => {
  let sections = initialSections;
  let metas = new Map<number, RankedArticleMeta>();
  let version = 0;

  const fetchInto = async (target: Map<number, RankedArticleMeta>, ids: number[]) => {
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const r of await publishedArticleMetaRows(db, ids.slice(i, i + CHUNK))) {
        const section = sections.byId.get(r.section_id);
        if (!section || r.published_at === null) continue;
        target.set(r.id, {
          id: r.id,
          sectionId: topLevelOf(sections, section).id,
          publishedAt: r.published_at,
          editionId: r.edition_id,
        });
      }
    }
  };

  const visibleMeta = (meta: RankedArticleMeta | undefined, nowMs: number) =>
    meta && meta.publishedAt <= nowMs ? meta : undefined;

  return {
    visible: (id, nowMs) => visibleMeta(metas.get(id), nowMs),
    async lookup(id, nowMs) {
      if (!metas.has(id)) {
        await fetchInto(metas, [id]);
        version++;
      }
      return visibleMeta(metas.get(id), nowMs);
    },
    async ensure(ids) {
      const missing: number[] = [];
      for (const id of ids) if (!metas.has(id)) missing.push(id);
      if (missing.length === 0) return;
      await fetchInto(metas, missing);
      version++;
    },
    async refresh(next) {
      sections = next;
      const fresh = new Map<number, RankedArticleMeta>();
      await fetchInto(fresh, [...metas.keys()]);
      // Swapped whole: readers see the old or the new directory, never half of each.
      metas = fresh;
      version++;
    },
    get version() {
      return version;
    },
    get size() {
      return metas.size;
    },
  };
};
