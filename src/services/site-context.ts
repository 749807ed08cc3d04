import type { Section } from '../domain/article.js';
import { buildSectionTree, type SectionTree } from '../domain/section.js';
import type { OriginRule, OriginSource } from '../domain/public-origin.js';
import { DEFAULT_SETTINGS, mergeSettings, originSourceOf, type SiteSettings } from '../domain/settings.js';
import type { Db } from '../storage/database.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { readSettingRows } from '../storage/repositories/site.repository.js';

/** What every page needs regardless of its content: settings and the section tree. Loaded once per content version. */
export interface SiteContext {
  settings: SiteSettings;
  sections: SectionTree;
  /** What gave settings.baseUrl: the Settings page shows an address from the environment as fixed. */
  originSource: OriginSource;
}

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
): Promise<SiteContext> => {
  const [settingRows, sectionRows] = await Promise.all([readSettingRows(db), listSectionRows(db)]);
  const stored: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited, unparsable value falls back to the default rather than taking the site down.
    }
  }
  return {
    settings: mergeSettings(stored, origin),
    sections: buildSectionTree(sectionRows.map(toSection)),
    originSource: originSourceOf(stored, origin),
  };
};
