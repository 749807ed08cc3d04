import type { Section } from '../domain/article.js';
import { editionFinder, type Edition, type EditionMatch } from '../domain/edition.js';
import { readerLabels, type ReaderLabels } from '../domain/edition-labels.js';
import { buildSectionTree, type SectionTree } from '../domain/section.js';
import type { OriginRule, OriginSource } from '../domain/public-origin.js';
import { DEFAULT_SETTINGS, mergeSettings, originSourceOf, type SiteSettings } from '../domain/settings.js';
import type { Db } from '../storage/database.js';
import { allSectionNameRows } from '../storage/repositories/edition.repository.js';
import { loadEditions } from './edition-admin.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { readSettingRows } from '../storage/repositories/site.repository.js';

/**
 * What every page needs regardless of its content: settings and the section tree, as one edition speaks them.
 * Loaded once per content version. The site's own context is its first edition's (the one at "/"); each other
 * edition has one of the same shape in `editions`, so the page services serve any edition unchanged (issue 13).
 */
export interface SiteContext {
  /** The site's settings with this edition's names over them: publication name, short name, tagline, label, language. */
  settings: SiteSettings;
  /** The sections under their names and slugs in this edition; their paths start with its prefix. */
  sections: SectionTree;
  /** What gave settings.baseUrl: the Settings page shows an address from the environment as fixed. */
  originSource: OriginSource;
  /** The edition this context speaks for. */
  edition: Edition;
  /** The reader's words in the edition's language. */
  labels: ReaderLabels;
  /** Every edition's context, the first (the site's own) first. */
  editions: readonly SiteContext[];
  /** The edition of a request path, and the path inside it (editionFinder). */
  findEdition: (path: string) => EditionMatch<SiteContext>;
}

/** True when the site has more than one edition: a single-edition install asks today's queries, unfiltered. */
export const hasEditions = (ctx: SiteContext): boolean => ctx.editions.length > 1;

/** The edition filter of a listing query: none while the site is one edition (every article is in it). */
export const editionFilter = (ctx: SiteContext): number | undefined => (hasEditions(ctx) ? ctx.edition.id : undefined);

/** The context of the edition an article is in; the given one for an edition it does not know. */
export const contextOfEdition = (ctx: SiteContext, editionId: number): SiteContext =>
  ctx.edition.id === editionId ? ctx : (ctx.editions.find((e) => e.edition.id === editionId) ?? ctx);

export const toSection = (row: {
  id: number;
  slug: string;
  name: string;
  position: number;
  parent_id: number | null;
}): Section => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  position: row.position,
  parentId: row.parent_id,
});

/** `origin`: DATELINE_BASE_URL and the server's own address (config), around the stored Base URL. */
export const loadSiteContext = async (
  db: Db,
  origin: OriginRule = { fixed: null, fallback: DEFAULT_SETTINGS.baseUrl },
  /** The setting rows when the caller reads them for more than this (site-state.ts: plugins' settings too). */
  settingRowsRead: ReturnType<typeof readSettingRows> = readSettingRows(db),
): Promise<SiteContext> => {
  // Listed first to last: the first is the site itself, at "/".
  const [settingRows, sectionRows, editions, nameRows] = await Promise.all([
    settingRowsRead,
    listSectionRows(db),
    loadEditions(db),
    allSectionNameRows(db),
  ]);
  const stored: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited, unparsable value falls back to the default rather than taking the site down.
    }
  }
  const settings = mergeSettings(stored, origin);
  const originSource = originSourceOf(stored, origin);
  const sections = sectionRows.map(toSection);
  const contexts: SiteContext[] = [];
  const finder = editionFinder(editions);
  const byEdition = new Map<Edition, SiteContext>();
  const findEdition = (path: string): EditionMatch<SiteContext> => {
    const match = finder(path);
    return { edition: byEdition.get(match.edition)!, rest: match.rest };
  };
  editions.forEach((edition, i) => {
    // The first edition's names are the sections' own.
    const own = new Map(
      i === 0 ? [] : nameRows.filter((n) => n.edition_id === edition.id).map((n) => [n.section_id, n]),
    );
    contexts.push({
      settings: {
        ...settings,
        publicationName: edition.publicationName,
        shortName: edition.shortName,
        tagline: edition.tagline,
        timeZoneLabel: edition.timeZoneLabel,
        language: edition.language,
      },
      // Where an edition has no name of its own for a section, the section's own (the first edition's) serves.
      sections: buildSectionTree(
        sections.map((s) => ({ ...s, name: own.get(s.id)?.name ?? s.name, slug: own.get(s.id)?.slug ?? s.slug })),
        edition.prefix,
      ),
      originSource,
      edition,
      labels: readerLabels(edition.language),
      editions: contexts,
      findEdition,
    });
    byEdition.set(edition, contexts[i]!);
  });
  return contexts[0]!;
};

/**
 * The edition an API's `?edition=` names (/api/ranking, /api/search): its language ("ja", any case) or its prefix
 * ("/ja/", "ja", "/" for the first); the first edition when absent. Null for one the site does not have.
 */
export const editionNamed = (site: SiteContext, raw: unknown): SiteContext | null => {
  if (raw === undefined) return site.editions[0]!;
  if (typeof raw !== 'string') return null;
  const wanted = raw.trim().toLowerCase();
  if (wanted === '') return null;
  const segment = wanted.replace(/^\/+|\/+$/g, '');
  const prefix = segment ? `/${segment}/` : '/';
  return site.editions.find((e) => e.edition.language.toLowerCase() === wanted || e.edition.prefix === prefix) ?? null;
};
