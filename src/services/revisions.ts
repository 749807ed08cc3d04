import { BodySchema } from '../domain/body.js';
import { serializeBodyMarkup } from '../domain/body-markup.js';
import type { Db } from '../storage/database.js';
import { findArticleRow, revisionRows } from '../storage/repositories/article.repository.js';
import { saveArticle, type ArticleInput } from './save-article.js';
import type { SiteContext } from './site-context.js';

export interface RevisionSummary {
  revision: number;
  savedAt: Date;
  savedBy: string | null;
}

/** A revision's content as people compare it: plain fields, the body in its markup spelling. */
export interface RevisionContent {
  headline: string;
  standfirst: string;
  body: string;
  section: string;
  tags: string;
}

const contentOf = (ctx: SiteContext, input: ArticleInput): RevisionContent => {
  const body = BodySchema.safeParse(input.body);
  return {
    headline: input.headline,
    standfirst: input.standfirst ?? '',
    body: serializeBodyMarkup(body.success ? body.data : []),
    section: ctx.sections.byId.get(input.sectionId)?.name ?? `section ${input.sectionId}`,
    tags: input.tags.join(', '),
  };
};

export const listRevisions = async (db: Db, ctx: SiteContext, articleId: number) =>
  (await revisionRows(db, articleId)).map((r) => ({
    revision: r.revision,
    savedAt: new Date(r.saved_at),
    savedBy: r.saved_by_name,
    content: contentOf(ctx, JSON.parse(r.snapshot) as ArticleInput),
    input: JSON.parse(r.snapshot) as ArticleInput,
  }));

/**
 * Brings back an earlier revision's words (headline, standfirst, body, section, bylines, tags, photo) as a new
 * revision. The article's place in the workflow and its times stay as they are now.
 */
export const restoreRevision = async (
  db: Db, articleId: number, revision: number, actorId: number, now: Date,
): Promise<boolean> => {
  const rows = await revisionRows(db, articleId);
  const wanted = rows.find((r) => r.revision === revision);
  const current = await findArticleRow(db, articleId);
  if (!wanted || !current) return false;
  const old = JSON.parse(wanted.snapshot) as ArticleInput;
  await saveArticle(db, articleId, {
    ...old,
    status: current.status as ArticleInput['status'],
    publishedAt: current.published_at === null ? null : new Date(current.published_at),
    updatedAt: current.updated_at === null ? null : new Date(current.updated_at),
    createdBy: current.created_by,
    reviewNote: current.review_note,
  }, now, { expectedRevision: current.revision, savedBy: actorId });
  return true;
};
