import type { HomePageData } from '../../services/reader-pages.js';
import { homePageJsonLd } from '../../domain/structured-data.js';
import { editionWords } from '../shared/edition-chrome.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { AccessRankingBox } from './AccessRankingBox.js';
import { ArticleList } from './ArticleList.js';
import { HomeTopStories } from './HomeTopStories.js';
import { Themed } from '../shared/Themed.js';
import { TopArticlesBox } from './TopArticlesBox.js';
import { Slot, type SlotPage } from '../shared/Slot.js';

export interface HomePageProps {
  chrome: PageChrome;
  home: HomePageData;
  /** The day of the render, printed under the masthead. */
  today: Date;
  sectionPaths: Map<number, string>;
  /** The other editions' homes and x-default (issue 13). */
  alternates?: { hreflang: string; href: string }[];
}

/**
 * Top stories first, then a rail with the access ranking and the Latest list (beside them on wide screens), then a
 * block per section with something in it.
 */
export const HomePage = ({ chrome, home, today, sectionPaths, alternates }: HomePageProps) => {
  const { settings } = chrome;
  const { labels, home: homePath, path } = editionWords(chrome);
  const railSlots =
    chrome.plugins !== undefined && (chrome.plugins.has('rail-top') || chrome.plugins.has('rail-bottom'));
  const hasRail = home.accessRanking.length > 0 || home.latest.length > 0 || railSlots;
  // One object per render: the slots' context is made once for it.
  const page: SlotPage = { kind: 'home' };
  return (
    <Layout
      page={page}
      chrome={chrome}
      title={`${settings.publicationName} — ${settings.tagline}`}
      description={settings.tagline}
      canonicalPath={homePath}
      alternates={alternates}
      structuredData={jsonLd(homePageJsonLd(settings, path('/search')))}
      today={today}
    >
      <h1 class="visually-hidden">{settings.publicationName}</h1>
      <div class={hasRail ? 'home-grid has-rail' : 'home-grid'}>
        <Themed name="HomeTopStories" Default={HomeTopStories} props={{ top: home.topStories, settings, labels }} />
        <Slot name="home-after-top-stories" chrome={chrome} page={page} />
        {hasRail ? (
          <aside class="home-rail" aria-label={labels.mostReadAndLatest}>
            <Slot name="rail-top" chrome={chrome} page={page} />
            <AccessRankingBox chrome={chrome} articles={home.accessRanking} />
            <TopArticlesBox title={labels.latest} articles={home.latest} timesIn={settings} />
            <Slot name="rail-bottom" chrome={chrome} page={page} />
          </aside>
        ) : null}
        {home.sections.length > 0 ? (
          <div class="home-sections">
            {home.sections.map(({ section, articles }) => (
              <section class="home-section" aria-labelledby={`home-${section.slug}`}>
                <h2 id={`home-${section.slug}`}>
                  <a href={sectionPaths.get(section.id)}>{section.name}</a>
                </h2>
                <ArticleList articles={articles} settings={settings} headingLevel={3} />
              </section>
            ))}
          </div>
        ) : null}
      </div>
    </Layout>
  );
};
