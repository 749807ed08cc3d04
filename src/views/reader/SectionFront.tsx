import type { SectionFrontData } from '../../services/reader-pages.js';
import { feedsOf, pageHref } from '../../domain/listing-path.js';
import { collectionPageJsonLd, homeCrumb } from '../../domain/structured-data.js';
import type { ReaderLabels } from '../../domain/edition-labels.js';
import type { SiteSettings } from '../../domain/settings.js';
import { editionWords } from '../shared/edition-chrome.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { slotHtml, type SlotPage } from '../shared/Slot.js';
import { Themed } from '../shared/Themed.js';
import { SectionFrontBody } from './SectionFrontBody.js';

export interface SectionFrontProps {
  chrome: PageChrome;
  front: SectionFrontData;
  /** "/politics/" or "/politics/diplomacy/". */
  path: string;
  subsectionPaths: { name: string; path: string }[];
  /** The same section in the other editions, and x-default (issue 13). */
  alternates?: { hreflang: string; href: string }[];
}

/** A CollectionPage with its trail: home › section (› subsection). */
const sectionJsonLd = (
  settings: SiteSettings,
  labels: ReaderLabels,
  front: SectionFrontData,
  path: string,
  parentPath: string | null,
) => {
  const { section } = front;
  const url = settings.baseUrl + path;
  return collectionPageJsonLd(
    settings,
    { name: section.name, url, description: labels.latestNewsFrom(section.name, settings.publicationName) },
    [
      homeCrumb(settings),
      ...(front.parent && parentPath ? [{ name: front.parent.name, url: settings.baseUrl + parentPath }] : []),
      { name: section.name, url },
    ],
  );
};

export const SectionFront = ({ chrome, front, path, subsectionPaths, alternates }: SectionFrontProps) => {
  const { section, parent, page, totalPages } = front;
  const words = editionWords(chrome);
  const { labels } = words;
  const parentPath = parent ? words.path(`/${parent.slug}/`) : null;
  // The first page leads with its newest story; later pages are the list alone.
  const lead = page === 1 ? front.articles[0] : undefined;
  const rest = lead ? front.articles.slice(1) : front.articles;
  const title = page > 1 ? labels.frontPageTitle(section.name, page) : section.name;
  const slotPage: SlotPage = { kind: 'section', section: { name: section.name, slug: section.slug } };
  return (
    <Layout
      page={slotPage}
      chrome={chrome}
      title={`${title} | ${chrome.settings.publicationName}`}
      description={labels.latestNewsFrom(section.name, chrome.settings.publicationName)}
      canonicalPath={pageHref(path, page)}
      alternates={alternates}
      currentSection={(parent ?? section).slug}
      structuredData={jsonLd(sectionJsonLd(chrome.settings, labels, front, path, parentPath))}
      feeds={feedsOf(path, `${section.name} | ${chrome.settings.publicationName}`)}
    >
      <Themed
        name="SectionFront"
        Default={SectionFrontBody}
        props={{
          section: { name: section.name, slug: section.slug },
          parent: parent && parentPath ? { name: parent.name, path: parentPath } : null,
          subsections: subsectionPaths,
          lead: lead ?? null,
          articles: rest,
          page,
          totalPages,
          path,
          afterLead: slotHtml('section-after-lead', chrome, slotPage),
          settings: chrome.settings,
          labels,
        }}
      />
    </Layout>
  );
};
