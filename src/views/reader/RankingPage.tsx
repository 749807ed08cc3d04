import type { Section } from '../../domain/article.js';
import type { RankingWindow } from '../../domain/ranking-window.js';
import type { RankingList } from '../../services/ranking-pages.js';
import { editionWords } from '../shared/edition-chrome.js';
import { Layout, type PageChrome } from '../shared/Layout.js';

export interface RankingPageProps {
  chrome: PageChrome;
  lists: RankingList[];
  section: Section | null;
  sections: Section[];
}

export const RankingPage = ({ chrome, lists, section, sections }: RankingPageProps) => {
  const words = editionWords(chrome);
  const { labels } = words;
  const page = words.path('/ranking/');
  const windowNames: Record<RankingWindow, string> = labels.rankingWindows;
  const title = section ? labels.mostReadIn(section.name) : labels.rankingTitle(chrome.settings.shortName);
  return (
    <Layout
      page={{ kind: 'ranking', section: section ? { name: section.name, slug: section.slug } : null }}
      chrome={chrome}
      title={`${title} | ${chrome.settings.publicationName}`}
      description={labels.readersReading(chrome.settings.publicationName)}
      canonicalPath={section ? `${page}?section=${section.slug}` : page}
    >
      <div class="ranking-page">
        <h1>{title}</h1>
        <nav class="subsection-nav" aria-label={labels.rankingBySection}>
          <ul>
            <li>
              <a href={page} aria-current={section === null ? 'page' : undefined}>
                {labels.allSections}
              </a>
            </li>
            {sections.map((s) => (
              <li>
                <a href={`${page}?section=${s.slug}`} aria-current={section?.id === s.id ? 'page' : undefined}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="ranking-lists">
          {lists.map((list) => (
            <section class="headline-box" aria-labelledby={`rank-${list.window}`}>
              <h2 id={`rank-${list.window}`}>{windowNames[list.window]}</h2>
              {list.entries.length > 0 ? (
                <ol>
                  {list.entries.map((e) => (
                    <li>
                      <span>
                        <a href={e.article.path}>{e.article.headline}</a>
                        <span class="ranking-views"> {labels.views(e.views)}</span>
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="empty">{labels.noViewsYet}</p>
              )}
            </section>
          ))}
        </div>
      </div>
    </Layout>
  );
};
