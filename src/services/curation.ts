import type { Db } from '../storage/database.js';
import { replaceHomeTopRows, replaceSectionPinRows } from '../storage/repositories/curation.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { InvalidInput } from './errors.js';
import { parseRowId } from '../domain/ids.js';

export const MAX_CURATED = 12;

/**
 * Reads "pos_<articleId>" fields into an ordered list of article ids. Blank means left out; anything but a
 * whole number from 1 to 99 is refused, naming the article.
 */
export const orderFromForm = (body: Record<string, unknown>, allowed: ReadonlySet<number>): number[] => {
  const entries: { id: number; position: number }[] = [];
  for (const [key, raw] of Object.entries(body)) {
    const m = /^pos_(\d+)$/.exec(key);
    if (!m || typeof raw !== 'string' || raw.trim() === '') continue;
    const id = parseRowId(m[1]);
    if (id === null || !allowed.has(id)) throw new InvalidInput({ form: `Article ${id} cannot be placed here.` });
    if (!/^[1-9]\d?$/.test(raw.trim())) throw new InvalidInput({ form: `Use whole numbers from 1 to 99 (got "${raw}").` });
    entries.push({ id, position: Number(raw.trim()) });
  }
  if (entries.length > MAX_CURATED) throw new InvalidInput({ form: `Choose at most ${MAX_CURATED} articles.` });
  return entries.sort((a, b) => a.position - b.position).map((e) => e.id);
};

/** Replaces the home page's top stories (sectionId null) or a section's pins, in one transaction. */
export const saveCuration = (db: Db, sectionId: number | null, articleIds: number[]) =>
  db.transaction().execute(async (trx) => {
    if (sectionId === null) await replaceHomeTopRows(trx, articleIds);
    else await replaceSectionPinRows(trx, sectionId, articleIds);
    await bumpContentVersion(trx);
  });
