import type { Section } from '../domain/article.js';
import { buildSectionTree, type SectionTree } from '../domain/section.js';
import { mergeSettings, type SiteSettings } from '../domain/settings.js';
import type { Db } from '../storage/database.js';
import { listSectionRows } from '../storage/repositories/section.repository.js';
import { readSettingRows } from '../storage/repositories/site.repository.js';

/** What every page needs regardless of its content: settings and the section tree. Loaded once per content version. */
export interface SiteContext {
  settings: SiteSettings;
  sections: SectionTree;
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

export const loadSiteContext = async (db: Db): Promise<SiteContext> => {
  const [settingRows, sectionRows] = await Promise.all([readSettingRows(db), listSectionRows(db)]);
  const stored: Record<string, unknown> = {};
  for (const row of settingRows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited, unparsable value falls back to the default rather than taking the site down.
    }
  }
  return { settings: mergeSettings(stored), sections: buildSectionTree(sectionRows.map(toSection)) };
};
