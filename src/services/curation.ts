import { LISTS_KEY } from '../domain/surrogate-keys.js';
import { parseRowId } from '../domain/ids.js';
import { sectionFamilyIds } from '../domain/section.js';
import type { Db } from '../storage/database.js';
import { headlineRowsByIds, latestPublishedRows } from '../storage/repositories/article.repository.js';
import {
  homeTopIdRows,
  replaceHomeTopRows,
  replaceSectionPinRows,
  sectionPinIdRows,
} from '../storage/repositories/curation.repository.js';
import { bumpContentVersion } from '../storage/repositories/site.repository.js';
import { InvalidInput } from './errors.js';
import type { SiteContext } from './site-context.js';

export const MAX_CURATED = 12;
/** How many of the latest articles the desk chooses from. */
const LATEST_CANDIDATES = 40;

/** An article the desk may place: its current place (1 first), or null when it is not placed. */
export interface CurationCandidate {
  id: number;
  headline: string;
  position: number | null;
  publishedAt: Date | null;
}

/**
 * What the desk chooses from for the home page (sectionId null) or a section's Top Articles box: the latest
 * published articles (of the section and its subsections), and whatever is placed now even when it is older
 * or no longer published, so saving the page never drops a placement by accident. Placed ones come first,
 * in their order.
 */
export const curationCandidates = async (
  db: Db,
  ctx: SiteContext,
  sectionId: number | null,
  now: Date,
): Promise<CurationCandidate[]> => {
  const section = sectionId === null ? undefined : ctx.sections.byId.get(sectionId);
  const sectionIds = sectionId === null ? undefined : section ? sectionFamilyIds(ctx.sections, section) : [sectionId];
  const [latest, placed] = await Promise.all([
    latestPublishedRows(db, { now: now.getTime(), limit: LATEST_CANDIDATES, ...(sectionIds ? { sectionIds } : {}) }),
    sectionId === null ? homeTopIdRows(db) : sectionPinIdRows(db, sectionId),
  ]);
  const older = await headlineRowsByIds(
    db,
    placed.map((p) => p.article_id).filter((id) => !latest.some((l) => l.id === id)),
  );
  const positions = new Map(placed.map((p, i) => [p.article_id, i + 1]));
  return [...older, ...latest]
    .map((r) => ({
      id: r.id,
      headline: r.headline,
      position: positions.get(r.id) ?? null,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
    }))
    .sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
};

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
    if (!/^[1-9]\d?$/.test(raw.trim()))
      throw new InvalidInput({ form: `Use whole numbers from 1 to 99 (got "${raw}").` });
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
    await bumpContentVersion(trx, [LISTS_KEY]);
  });
