import type { ArticleSummary } from '../domain/article.js';
import { articlePath } from '../domain/article-path.js';
import type { ArticleSummaryRow } from '../storage/repositories/article.repository.js';
import { mainPhotoFromRow } from './main-photo-from-row.js';
import { contextOfEdition, hasEditions, type SiteContext } from './site-context.js';

/** Rows of article lists as pages show them: headline, address, date, section and thumbnail. */

const toSummary = (site: SiteContext, row: ArticleSummaryRow): ArticleSummary | null => {
  // Named and addressed as the article's own edition does, whichever edition's page lists it.
  const ctx = contextOfEdition(site, row.edition_id);
  const section = ctx.sections.byId.get(row.section_id);
  if (!section || row.published_at === null) return null;
  const firstPublished = new Date(row.first_published_at ?? row.published_at);
  return {
    id: row.id,
    headline: row.headline,
    standfirst: row.standfirst,
    path: articlePath(ctx, section, firstPublished, row.id),
    publishedAt: new Date(row.published_at),
    sectionName: section.name,
    thumbnail: mainPhotoFromRow(row),
  };
};

export const toSummaries = (ctx: SiteContext, rows: ArticleSummaryRow[]): ArticleSummary[] =>
  rows.map((r) => toSummary(ctx, r)).filter((s): s is ArticleSummary => s !== null);

/** Summaries of the context's own edition's articles only: lists that may find others (Related by tag). */
export const editionSummaries = (ctx: SiteContext, rows: ArticleSummaryRow[]): ArticleSummary[] =>
  toSummaries(ctx, hasEditions(ctx) ? rows.filter((r) => r.edition_id === ctx.edition.id) : rows);
