import { LISTS_KEY } from '../domain/surrogate-keys.js';
import { z } from 'zod';
import { CORRECTION_KINDS, correctionKindOf, type Correction } from '../domain/correction.js';
import type { Db } from '../storage/database.js';
import {
  correctionRowsForArticle,
  insertCorrectionRow,
  recentPublicCorrectionRows,
} from '../storage/repositories/article.repository.js';
import { forgetArticleRenders } from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { fieldErrorsOf, InvalidInput } from './errors.js';

const CorrectionSchema = z.object({
  kind: z.enum(CORRECTION_KINDS, "Choose correction, clarification or editor's note."),
  text: z.string().trim().min(1, 'Say what was wrong and what is right.').max(2000, 'Keep it under 2,000 characters.'),
});

/** Appends a typed notice to a published article; it shows at the article's foot and on /corrections. */
export const addCorrection = async (
  db: Db,
  articleId: number,
  input: unknown,
  actorId: number,
  now: Date,
): Promise<void> => {
  const parsed = CorrectionSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  await db.transaction().execute(async (trx) => {
    await insertCorrectionRow(trx, {
      article_id: articleId,
      kind: parsed.data.kind,
      text: parsed.data.text,
      created_at: now.getTime(),
      created_by: actorId,
    });
    await bumpContentVersion(trx, [LISTS_KEY]);
    await forgetArticleRenders(trx, [articleId]);
  });
};

export const toCorrection = (r: {
  id: number;
  article_id: number;
  kind: string;
  text: string;
  created_at: number;
}): Correction => ({
  id: r.id,
  articleId: r.article_id,
  kind: correctionKindOf(r.kind),
  text: r.text,
  createdAt: new Date(r.created_at),
});

export const correctionsFor = async (db: Db, articleId: number): Promise<Correction[]> =>
  (await correctionRowsForArticle(db, articleId)).map(toCorrection);

/** The newest corrections on published articles, for the public /corrections page. */
export const recentCorrections = async (
  db: Db,
  now: Date,
  limit = 100,
): Promise<(Correction & { headline: string })[]> =>
  (await recentPublicCorrectionRows(db, now.getTime(), limit)).map((r) => ({
    ...toCorrection(r),
    headline: r.headline,
  }));
