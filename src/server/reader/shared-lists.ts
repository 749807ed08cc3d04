import type { ArticleSummary } from '../../domain/article.js';
import type { RankingSource } from '../../domain/ranking.js';
import { directLists, type SharedLists } from '../../services/boxes.js';
import type { SiteContext } from '../../services/site-context.js';
import type { Db } from '../../storage/database.js';
import type { ArticleSummaryRow } from '../../storage/repositories/article.repository.js';
import { createGenerationMemo } from '../shared-work.js';

/**
 * The lists every article page of a section shows (its "Top Articles in …" box, the newest of its section family),
 * kept per content version and second: the pages rendered in one second (a crawler's walk through the archive, a
 * burst after a content change) ask the database for each once. Given the content version, answers each edition's
 * lists.
 */
export const createSharedLists = (db: Db, ranking: RankingSource) => {
  const sectionBoxes = createGenerationMemo<ArticleSummary[]>();
  const newestRows = createGenerationMemo<ArticleSummaryRow[]>();
  return (version: number) =>
    (ctx: SiteContext): SharedLists => {
      const direct = directLists(db, ctx, ranking);
      const generation = (at: Date) => `${version} ${Math.floor(at.getTime() / 1000)}`;
      return {
        sectionBox: (section, at) =>
          sectionBoxes(generation(at), `${ctx.edition.id} ${section.id}`, () => direct.sectionBox(section, at)),
        newest: (sectionIds, limit, at) =>
          newestRows(generation(at), `${ctx.edition.id} ${limit} ${sectionIds.join(',')}`, () =>
            direct.newest(sectionIds, limit, at),
          ),
      };
    };
};
