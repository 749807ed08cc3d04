import type { HomePageData } from '../../services/reader-pages.js';
import { homePageJsonLd } from '../../domain/structured-data.js';
import { jsonLd, Layout, type PageChrome } from '../shared/Layout.js';
import { Picture } from '../shared/Picture.js';
import { Time } from '../shared/Time.js';
import { ArticleList } from './ArticleList.js';

export interface HomePageProps {
  chrome: PageChrome;
  home: HomePageData;
  sectionPaths: Map<number, string>;
}

export const HomePage = ({ chrome, home, sectionPaths }: HomePageProps) => {
  const { settings } = chrome;
  const [lead, ...others] = home.topStories;
  return (
    <Layout
      chrome={chrome}
      title={`${settings.publicationName} — ${settings.tagline}`}
      description={settings.tagline}
      canonicalPath="/"
      structuredData={jsonLd(homePageJsonLd(settings))}
    >
      <h1 class="visually-hidden">{settings.publicationName}</h1>
      {lead ? (
        <section class="top-stories" aria-labelledby="top-stories">
          <h2 id="top-stories" class="visually-hidden">
            Top stories
          </h2>
          <article class="lead-story">
            {lead.thumbnail ? (
              <a href={lead.path} tabIndex={-1} aria-hidden="true">
                <Picture
                  photo={{ ...lead.thumbnail, alt: '' }}
                  sizes="(min-width: 60rem) 40rem, 100vw"
                  width={800}
                  eager
                />
              </a>
            ) : null}
            <h3 class="lead-headline">
              <a href={lead.path}>{lead.headline}</a>
            </h3>
            <p class="teaser-meta">
              {lead.sectionName} · <Time instant={lead.publishedAt} settings={settings} style="date" />
            </p>
            {lead.standfirst ? <p class="teaser-standfirst">{lead.standfirst}</p> : null}
          </article>
          <ArticleList articles={others} settings={settings} headingLevel={3} showSection />
        </section>
      ) : (
        <p class="empty">No articles have been published yet.</p>
      )}
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
    </Layout>
  );
};
