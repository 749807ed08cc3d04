import type { ArticleInput } from '../domain/article.js';
import { storedBody } from '../domain/body.js';
import { parseStoredCustomFields } from '../domain/custom-fields.js';
import type { findArticleRow } from '../storage/repositories/article.repository.js';
import { photoInputFromRow } from './main-photo-from-row.js';

type SourceRow = NonNullable<Awaited<ReturnType<typeof findArticleRow>>>;

/**
 * The draft the newsroom's Translate starts from (newsroom-translations.ts): a copy of the source for the translator
 * to write over: headline, standfirst, body, section, bylines, tags, main photo, slug, search description, and the
 * plugins' custom field values, those of fields no plugin defines now included, because a sponsor or a region
 * belongs to the story in every edition.
 */
export const translationDraftInput = (
  source: SourceRow,
  authorIds: number[],
  tags: string[],
  createdBy: number,
): ArticleInput => ({
  slug: source.slug,
  headline: source.headline,
  standfirst: source.standfirst,
  body: storedBody(source.body),
  sectionId: source.section_id,
  authorIds,
  tags,
  photo: photoInputFromRow(source),
  status: 'draft',
  publishedAt: null,
  updatedAt: null,
  seoDescription: source.seo_description,
  createdBy,
  customFields: parseStoredCustomFields(source.custom_fields),
});
