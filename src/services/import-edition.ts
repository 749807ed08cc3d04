import { createHash } from 'node:crypto';
import type { ParsedPage } from '../domain/page-text.js';
import { parseReaderPath } from '../domain/reader-path.js';
import { slugify } from '../domain/slug.js';
import type { Db } from '../storage/database.js';
import { findArticleRow } from '../storage/repositories/article.repository.js';
import { translationGroupRows } from '../storage/repositories/edition.repository.js';
import { editionInLanguage } from './edition-language.js';
import { ImportError } from './import-error.js';
import type { SiteContext } from './site-context.js';

/**
 * import-page's part in editions (issue 13): which edition a page goes into (--lang), the article it translates
 * (--translation-of) and whether it may be linked to it, and the edition's section. Every check here runs before
 * import-page writes anything; the link itself is made in the import's transaction.
 */

/** The edition the page goes into: the one in its language (editionInLanguage), or the first. */
export const chooseEdition = (site: SiteContext, language: string | undefined): SiteContext => {
  if (language === undefined) return site;
  const chosen = editionInLanguage(site, language);
  if (!chosen.ok) throw new ImportError(0, chosen.problem);
  return chosen.edition;
};

/** A translation's source: the article at the address given, or its group's source when that is a translation. */
export interface SourceArticle {
  row: NonNullable<Awaited<ReturnType<typeof findArticleRow>>>;
  /** The article the source already has in the target edition, if any. */
  translationInEdition: number | null;
}

/** Reads --translation-of: an article's address on the site, in any edition, parsed as the reader parses it. */
export const findSource = async (
  db: Db,
  site: SiteContext,
  edition: SiteContext,
  reference: string,
  notes: string[],
): Promise<SourceArticle> => {
  let path: string;
  try {
    path = new URL(reference.trim(), 'http://import.invalid').pathname;
  } catch {
    path = reference.trim();
  }
  const parsed = parseReaderPath(site.findEdition(path).rest);
  if (parsed.kind !== 'article')
    throw new ImportError(
      0,
      `--translation-of ${reference} is not an article's address; give one such as /politics/20260121-12/`,
    );
  let row = await findArticleRow(db, parsed.id);
  if (!row) throw new ImportError(0, `--translation-of ${reference}: there is no article ${parsed.id}`);
  // Translations never chain: as the newsroom's Translate does, a translation's own source is the one linked.
  const ownSource = (await translationGroupRows(db, row.id)).find((l) => l.translation_id === row!.id);
  if (ownSource) {
    notes.push(`Article ${row.id} is a translation of article ${ownSource.article_id}; linked to that one.`);
    row = (await findArticleRow(db, ownSource.article_id))!;
  }
  const language = edition.edition.language;
  if (row.edition_id === edition.edition.id)
    throw new ImportError(
      0,
      `article ${row.id} is in the ${language} edition itself; a translation goes into another edition's language`,
    );
  const taken = (await translationGroupRows(db, row.id)).find(
    (l) => l.article_id === row!.id && l.translation_edition_id === edition.edition.id,
  );
  return { row, translationInEdition: taken?.translation_id ?? null };
};

/** A page imported again updates its article; a translation must still be the one linked, or none yet. */
export const refuseOtherTranslation = async (
  db: Db,
  source: SourceArticle,
  existingId: number | undefined,
  language: string,
): Promise<void> => {
  const sourceId = source.row.id;
  if (source.translationInEdition !== null && source.translationInEdition !== existingId)
    throw new ImportError(
      0,
      `article ${sourceId} already has a translation in the ${language} edition (article ` +
        `${source.translationInEdition}); unlink it in the newsroom first`,
    );
  if (existingId === undefined || source.translationInEdition === existingId) return;
  const group = await translationGroupRows(db, existingId);
  const otherSource = group.find((l) => l.translation_id === existingId);
  if (otherSource)
    throw new ImportError(
      0,
      `this page was imported before as article ${existingId}, the translation of article ` +
        `${otherSource.article_id}; unlink it in the newsroom first`,
    );
  if (group.length > 0)
    throw new ImportError(
      0,
      `this page was imported before as article ${existingId}, which has translations of its own, so it cannot be one`,
    );
};

/**
 * A section of an edition other than the first: the one the page's "…の注目記事"/"Top Articles in …" line names by
 * its name in that edition (the section's own where the edition gives it none), else --section by its slug there.
 * Never created: a section is shared by every edition, and one made from a Japanese name would have no English
 * name or address.
 */
export const chooseEditionSection = (
  edition: SiteContext,
  page: ParsedPage,
  sectionSlug: string | undefined,
): number => {
  const all = edition.sections.all;
  const language = edition.edition.language;
  if (page.sectionName !== null) {
    const wanted = page.sectionName.toLowerCase();
    const found = all.find((s) => s.name.toLowerCase() === wanted);
    if (found) return found.id;
    if (sectionSlug === undefined)
      throw new ImportError(
        0,
        `the ${language} edition has no section named "${page.sectionName}" (its sections: ` +
          `${all.map((s) => s.name).join(', ') || 'none yet'}); pass --section SLUG or name the section on the ` +
          "newsroom's Editions page",
      );
  }
  if (sectionSlug === undefined)
    throw new ImportError(0, 'the page has no line naming its section, so its section is unknown: pass --section SLUG');
  const found = all.find((s) => s.slug === sectionSlug);
  if (!found)
    throw new ImportError(
      0,
      `the ${language} edition has no section "${sectionSlug}" (sections: ${all.map((s) => s.slug).join(', ') || 'none yet'})`,
    );
  return found.id;
};

/**
 * What finds the article of an imported page again: its headline's slug and date, or, for a headline with letters
 * outside the Latin script, a digest of it (every Japanese headline's slug is "article": two pages of a day would
 * find each other, in the first edition too); in an edition other than the first, also its language.
 */
export const sourceKeyOf = (page: ParsedPage, publishedAt: Date, edition: SiteContext, isFirst: boolean): string => {
  const date = publishedAt.toISOString().slice(0, 10);
  const name = /[^\P{L}\p{Script=Latin}]/u.test(page.headline)
    ? createHash('sha256').update(page.headline.normalize('NFC')).digest('hex').slice(0, 16)
    : slugify(page.headline);
  return isFirst ? `page:${name}:${date}` : `page:${edition.edition.language}:${name}:${date}`;
};
