import { LISTS_KEY } from '../domain/surrogate-keys.js';
import type { Db } from '../storage/database.js';
import {
  articleEditionRow,
  deleteTranslationLink,
  editionRowById,
  insertTranslationLink,
  translationGroupRows,
} from '../storage/repositories/edition.repository.js';
import { forgetRendersOfTranslationGroups } from '../storage/repositories/article-render.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { InvalidInput, NotFound } from './errors.js';

/**
 * Translation links between articles of different editions (issue 13): a source and at most one translation per
 * other edition. The database holds the rule (docs/architecture/0014-editions.md); this turns its refusals into
 * sentences an editor can act on. Reader pages show the links (hreflang, the language switch), so every change
 * moves the content version.
 */

/** Another article of the same translation group. */
export interface TranslationPeer {
  articleId: number;
  editionId: number;
  /** The group's source, or one of its translations. */
  role: 'source' | 'translation';
  /** On a translation: when its source had a significant update after it went live, until dealt with. */
  sourceUpdatedAt: Date | null;
}

/** The article's translations, or its source and the source's other translations: one article per edition. */
export async function translationsOf(db: Db, articleId: number): Promise<TranslationPeer[]> {
  const links = await translationGroupRows(db, articleId);
  if (links.length === 0) return [];
  const source = { articleId: links[0]!.article_id, editionId: links[0]!.source_edition_id };
  const members: TranslationPeer[] = [
    { ...source, role: 'source', sourceUpdatedAt: null },
    ...links.map((l) => ({
      articleId: l.translation_id,
      editionId: l.translation_edition_id,
      role: 'translation' as const,
      sourceUpdatedAt: l.source_updated_at === null ? null : new Date(l.source_updated_at),
    })),
  ];
  return members.filter((m) => m.articleId !== articleId);
}

/** Links `translationId` as the translation of `sourceId`; throws NotFound or InvalidInput saying why not. */
export async function linkTranslation(db: Db, sourceId: number, translationId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await insertTranslationLink(trx, { sourceId, translationId, at: now.getTime() })) {
      await bumpContentVersion(trx, [LISTS_KEY]);
      // The group as it is now: the source's, which the translation has joined.
      await forgetRendersOfTranslationGroups(trx, [sourceId]);
      return;
    }
    throw await whyNotLinked(trx, sourceId, translationId);
  });
}

/** Removes the link between two articles, in either direction; NotFound when there was none. */
export async function unlinkTranslation(db: Db, a: number, b: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The group as it was, before the link goes: both ends' pages and the rest of the group's link to each other.
    await forgetRendersOfTranslationGroups(trx, [a, b]);
    if (!(await deleteTranslationLink(trx, a, b)))
      throw new NotFound('translation', `Articles ${a} and ${b} are not linked as translations.`);
    await bumpContentVersion(trx, [LISTS_KEY]);
  });
}

/** A refused link, in a sentence by the form's translation field. */
export const refused = (message: string) => new InvalidInput({ translation: message });

/** Reads what is stored to say which rule refused the link. Checked in the order an editor would fix them. */
export async function whyNotLinked(db: Db, sourceId: number, translationId: number): Promise<Error> {
  const [source, translation] = [await articleEditionRow(db, sourceId), await articleEditionRow(db, translationId)];
  if (!source) return new NotFound('article', `There is no article ${sourceId}.`);
  if (!translation) return new NotFound('article', `There is no article ${translationId}.`);
  if (sourceId === translationId) return refused('An article cannot be its own translation.');
  if (source.edition_id === translation.edition_id)
    return refused(
      `Articles ${sourceId} and ${translationId} are in the same edition; a translation is in another edition.`,
    );
  const sourceGroup = await translationGroupRows(db, sourceId);
  const sourceOfSource = sourceGroup.find((l) => l.translation_id === sourceId);
  if (sourceOfSource)
    return refused(
      `Article ${sourceId} is itself a translation of article ${sourceOfSource.article_id}; link to that one instead.`,
    );
  const taken = sourceGroup.find((l) => l.translation_edition_id === translation.edition_id);
  if (taken) {
    if (taken.translation_id === translationId)
      return refused(`Article ${translationId} is already the translation of article ${sourceId}.`);
    const edition = await editionRowById(db, translation.edition_id);
    return refused(
      `Article ${sourceId} already has a translation in the ${edition?.language ?? 'other'} edition ` +
        `(article ${taken.translation_id}); unlink that one first.`,
    );
  }
  const translationGroup = await translationGroupRows(db, translationId);
  const existingSource = translationGroup.find((l) => l.translation_id === translationId);
  if (existingSource)
    return refused(
      `Article ${translationId} is already the translation of article ${existingSource.article_id}; unlink it first.`,
    );
  if (translationGroup.length > 0)
    return refused(`Article ${translationId} has translations of its own, so it cannot be a translation.`);
  // Nothing stored explains it: another editor linked or unlinked one of them in the meantime.
  return refused('The articles changed while they were being linked; reload and try again.');
}
