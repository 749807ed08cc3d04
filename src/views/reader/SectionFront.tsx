import type { SectionFrontData } from '../../services/reader-pages.js';
import { feedsOf, pageHref } from '../../domain/listing-path.js';
import { collectionPageJsonLd, homeCrumb } from '../../domain/structured-data.js';
import type { SiteSettings } from '../../domain/settings.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { ArticleList } from './ArticleList.js';
import { LeadStory } from './LeadStory.js';
import { Pagination } from './Pagination.js';

export interface SectionFrontProps {
  chrome: PageChrome;
  front: SectionFrontData;
  /** "/politics/" or "/politics/diplomacy/". */
  path: string;
  subsectionPaths: { name: string; path: string }[];
}

/** A CollectionPage with its trail: home › section (› subsection). */
const sectionJsonLd = (settings: SiteSettings, front: SectionFrontData, path: string) => {
  const { section, parent } = front;
  const url = settings.baseUrl + path;
  return collectionPageJsonLd(
    settings,
    { name: section.name, url, description: `The latest ${section.name} news from ${settings.publicationName}.` },
    [
      homeCrumb(settings),
      ...(parent ? [{ name: parent.name, url: `${settings.baseUrl}/${parent.slug}/` }] : []),
      { name: section.name, url },
    ],
  );
};

export const SectionFront = ({ chrome, front, path, subsectionPaths }: SectionFrontProps) => {
  const { section, parent, page, totalPages } = front;
  // The first page leads with its newest story; later pages are the list alone.
  const lead = page === 1 ? front.articles[0] : undefined;
  const rest = lead ? front.articles.slice(1) : front.articles;
  const title = page > 1 ? `${section.name} — page ${page}` : section.name;
  return (
    <Layout
      chrome={chrome}
      title={`${title} | ${chrome.settings.publicationName}`}
      description={`The latest ${section.name} news from ${chrome.settings.publicationName}.`}
      canonicalPath={pageHref(path, page)}
      currentSection={(parent ?? section).slug}
      structuredData={jsonLd(sectionJsonLd(chrome.settings, front, path))}
      feeds={feedsOf(path, `${section.name} | ${chrome.settings.publicationName}`)}
    >
      <div class="front">
        <header class="front-header">
          {parent ? (
            <p class="kicker">
              <a href={`/${parent.slug}/`}>{parent.name}</a>
            </p>
          ) : null}
          <h1>{section.name}</h1>
          {subsectionPaths.length > 0 ? (
            <nav aria-label={`${section.name} subsections`} class="subsection-nav">
              <ul>
                {subsectionPaths.map((s) => (
                  <li>
                    <a href={s.path}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
        </header>
        {lead ? (
          <LeadStory
            article={lead}
            settings={chrome.settings}
            headingLevel={2}
            sizes="(min-width: 72rem) 40rem, (min-width: 48rem) 55vw, 100vw"
          />
        ) : null}
        {rest.length > 0 ? (
          <ArticleList articles={rest} settings={chrome.settings} headingLevel={2} />
        ) : lead ? null : (
          <p class="empty">Nothing has been published in {section.name} yet.</p>
        )}
        <Pagination path={path} page={page} totalPages={totalPages} />
      </div>
    </Layout>
  );
};
