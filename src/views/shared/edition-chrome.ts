import { editionPath, type Edition } from '../../domain/edition.js';
import { fillTemplate, readerLabels, type ReaderLabels } from '../../domain/edition-labels.js';
import type { DateStyle } from '../../domain/edition-dates.js';
import type { SiteSettings } from '../../domain/settings.js';

/** The settings a reader page prints from: the site's with its edition's names, and the edition's date style. */
export type ReaderSettings = SiteSettings & { dateStyle?: DateStyle };

/** What a page frame knows of its edition (issue 13); absent, the page is the first edition's, in English. */
export interface ChromeEdition {
  edition?: Pick<Edition, 'prefix' | 'language' | 'rankingHeading' | 'topArticlesHeading'>;
  labels?: ReaderLabels;
  settings: ReaderSettings;
}

const ENGLISH = readerLabels('en');

/** The words and addresses of a page's edition: its labels, its prefix, and its two wordings filled in. */
export const editionWords = (chrome: ChromeEdition) => {
  const labels = chrome.labels ?? ENGLISH;
  const prefix = chrome.edition?.prefix ?? '/';
  return {
    labels,
    /** The edition's home: "/" or "/ja/". */
    home: prefix,
    /** An address of a site route inside the edition: "/corrections/" → "/ja/corrections/". */
    path: (rest: string): string => editionPath({ prefix }, rest),
    rankingHeading: fillTemplate(chrome.edition?.rankingHeading ?? labels.rankingHeadingTemplate, {
      shortName: chrome.settings.shortName,
    }),
    topArticlesHeading: (section: string): string =>
      fillTemplate(chrome.edition?.topArticlesHeading ?? labels.topArticlesTemplate, { section }),
  };
};
