import type { Section } from './article.js';
import { urlDate } from './dateline.js';
import { sectionPath, type SectionTree } from './section.js';

/** What an article's address depends on besides the article: the section tree and the site's time zone. */
export interface PathContext {
  sections: SectionTree;
  settings: { timeZone: string };
}

/** The canonical path: /{section}[/{subsection}]/{YYYYMMDD}-{id}/, dated by first publication so it never moves. */
export const articlePath = (site: PathContext, section: Section, firstPublishedAt: Date, id: number): string =>
  `${sectionPath(site.sections, section)}${urlDate(firstPublishedAt, site.settings.timeZone)}-${id}/`;
