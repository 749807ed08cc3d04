import type { RankedArticleMeta } from '../domain/ranking.js';
import { topLevelOf, type SectionTree } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { publishedArticleMetaRows } from '../storage/repositories/article.repository.js';

/**
 * Which articles can be counted and ranked, held in memory so the view endpoint and the ranking never
 * query the database per request. Scheduled articles are included with their time and checked at use.
 */
export interface ArticleDirectory {
  /** The article if readers can see it at `nowMs`. */
  visible(id: number, nowMs: number): RankedArticleMeta | undefined;
  reload(sections: SectionTree): Promise<void>;
  readonly version: number;
}

export const createArticleDirectory = (db: Db): ArticleDirectory => {
  let all = new Map<number, RankedArticleMeta>();
  let version = 0;
  return {
    visible(id, nowMs) {
      const meta = all.get(id);
      return meta && meta.publishedAt <= nowMs ? meta : undefined;
    },
    async reload(sections) {
      const rows = await publishedArticleMetaRows(db);
      const next = new Map<number, RankedArticleMeta>();
      for (const r of rows) {
        const section = sections.byId.get(r.section_id);
        if (!section || r.published_at === null) continue;
        next.set(r.id, { id: r.id, sectionId: topLevelOf(sections, section).id, publishedAt: r.published_at });
      }
      all = next;
      version++;
    },
    get version() {
      return version;
    },
  };
};
