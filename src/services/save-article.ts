import type { ArticleStatus } from '../domain/article.js';
import { bodyText, type Body } from '../domain/body.js';
import type { Db } from '../storage/database.js';
import {
  findArticleRow, insertArticleRow, replaceTagRows, updateArticleRow,
} from '../storage/repositories/article.repository.js';
import { replaceBylineRows } from '../storage/repositories/author.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';

export interface ArticleInput {
  slug: string;
  headline: string;
  standfirst: string | null;
  body: Body;
  sectionId: number;
  authorIds: number[];
  tags: string[];
  photo: { mediaId: number; caption: string; credit: string | null; alt: string } | null;
  status: ArticleStatus;
  /** The displayed publish time; the first one ever set also becomes first_published_at, which never moves. */
  publishedAt: Date | null;
  /** Set only when an editor calls the change significant. */
  updatedAt: Date | null;
  seoDescription?: string | null;
  sourceKey?: string | null;
}

const columns = (input: ArticleInput, now: number) => ({
  slug: input.slug,
  headline: input.headline,
  standfirst: input.standfirst,
  body: JSON.stringify(input.body),
  body_text: [input.headline, input.standfirst ?? '', bodyText(input.body)].join('\n'),
  section_id: input.sectionId,
  status: input.status,
  photo_media_id: input.photo?.mediaId ?? null,
  photo_caption: input.photo?.caption ?? null,
  photo_credit: input.photo?.credit ?? null,
  photo_alt: input.photo?.alt ?? null,
  seo_description: input.seoDescription ?? null,
  published_at: input.publishedAt?.getTime() ?? null,
  updated_at: input.updatedAt?.getTime() ?? null,
  modified_at: now,
});

/**
 * Creates (id null) or replaces an article with its bylines and tags, in one transaction, and moves the
 * content version so every process drops its cached pages.
 */
export const saveArticle = (db: Db, id: number | null, input: ArticleInput, now = new Date()): Promise<number> =>
  db.transaction().execute((trx) => writeArticle(trx, id, input, now));

/** The body of saveArticle, for callers that already hold a transaction. */
export const writeArticle = async (trx: Db, id: number | null, input: ArticleInput, now: Date): Promise<number> => {
    const values = columns(input, now.getTime());
    let articleId: number;
    if (id === null) {
      articleId = await insertArticleRow(trx, {
        ...values,
        source_key: input.sourceKey ?? null,
        created_at: now.getTime(),
        first_published_at: values.published_at,
      });
    } else {
      const existing = await findArticleRow(trx, id);
      if (!existing) throw new Error(`article ${id} does not exist`);
      articleId = id;
      await updateArticleRow(trx, id, {
        ...values,
        first_published_at: existing.first_published_at ?? values.published_at,
      });
    }
    await replaceBylineRows(trx, articleId, input.authorIds);
    await replaceTagRows(trx, articleId, input.tags);
    await bumpContentVersion(trx);
    return articleId;
};
