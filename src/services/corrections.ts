import { z } from 'zod';
import type { Db } from '../storage/database.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { fieldErrorsOf, InvalidInput } from './errors.js';

export const CORRECTION_KINDS = ['correction', 'clarification', 'editors-note'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const CORRECTION_LABELS: Record<CorrectionKind, string> = {
  correction: 'Correction', clarification: 'Clarification', 'editors-note': "Editor's note",
};

export interface Correction {
  id: number;
  articleId: number;
  kind: CorrectionKind;
  text: string;
  createdAt: Date;
}

const CorrectionSchema = z.object({
  kind: z.enum(CORRECTION_KINDS, 'Choose correction, clarification or editor\'s note.'),
  text: z.string().trim().min(1, 'Say what was wrong and what is right.').max(2000, 'Keep it under 2,000 characters.'),
});

/** Appends a typed notice to a published article; it shows at the article's foot and on /corrections. */
export const addCorrection = async (db: Db, articleId: number, input: unknown, actorId: number, now: Date): Promise<void> => {
  const parsed = CorrectionSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInput(fieldErrorsOf(parsed.error));
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('correction').values({
      article_id: articleId, kind: parsed.data.kind, text: parsed.data.text, created_at: now.getTime(), created_by: actorId,
    }).execute();
    await bumpContentVersion(trx);
  });
};

const toCorrection = (r: { id: number; article_id: number; kind: string; text: string; created_at: number }): Correction => ({
  id: r.id, articleId: r.article_id, kind: r.kind as CorrectionKind, text: r.text, createdAt: new Date(r.created_at),
});

export const correctionsFor = async (db: Db, articleId: number): Promise<Correction[]> =>
  (await db.selectFrom('correction').selectAll().where('article_id', '=', articleId).orderBy('created_at').execute()).map(toCorrection);

/** The newest corrections on published articles, for the public /corrections page. */
export const recentCorrections = async (db: Db, now: Date, limit = 100) =>
  (await db
    .selectFrom('correction')
    .innerJoin('article', 'article.id', 'correction.article_id')
    .select(['correction.id', 'correction.article_id', 'correction.kind', 'correction.text', 'correction.created_at', 'article.headline'])
    .where('article.status', '=', 'published')
    .where('article.published_at', '<=', now.getTime())
    .orderBy('correction.created_at', 'desc')
    .limit(limit)
    .execute()).map((r) => ({ ...toCorrection(r), headline: r.headline }));
