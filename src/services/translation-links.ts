import { articlePath } from '../domain/article-path.js';
import type { TranslationMember } from '../domain/translation-links.js';
import type { GroupMemberRow } from '../storage/repositories/translation-link.repository.js';
import type { SiteContext } from './site-context.js';

/**
 * Live group members as pages and sitemaps link them: rows from translation-link.repository.ts made into members at
 * their canonical addresses, each group in the editions' order (the first edition's member first), keyed by the
 * group's source. A member whose section or edition is gone has no page, so it is left out.
 */
export function translationGroups(
  site: SiteContext,
  rows: readonly GroupMemberRow[],
): Map<number, TranslationMember[]> {
  const groups = new Map<number, TranslationMember[]>();
  const seen = new Set<number>();
  site.editions.forEach((ctx, position) => {
    for (const row of rows) {
      // A source comes once per translation.
      if (row.edition_id !== ctx.edition.id || seen.has(row.id)) continue;
      seen.add(row.id);
      const section = ctx.sections.byId.get(row.section_id);
      if (!section) continue;
      const firstPublished = new Date(Number(row.first_published_at ?? row.published_at));
      const member: TranslationMember = {
        articleId: row.id,
        language: ctx.edition.language,
        languageName: ctx.labels.languageName,
        path: articlePath(ctx, section, firstPublished, row.id),
        isSource: row.id === row.source_id,
        inFirstEdition: position === 0,
      };
      groups.set(row.source_id, [...(groups.get(row.source_id) ?? []), member]);
    }
  });
  return groups;
}

/** The members of the one group `rows` hold (an article's own): none when it has no links. */
export const translationGroupOf = (site: SiteContext, rows: readonly GroupMemberRow[]): TranslationMember[] =>
  [...translationGroups(site, rows).values()][0] ?? [];
