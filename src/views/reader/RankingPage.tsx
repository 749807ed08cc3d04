import type { Section } from '../../domain/article.js';
import type { RankingWindow } from '../../domain/ranking-window.js';
import type { RankingList } from '../../services/ranking-pages.js';
import { Layout, type PageChrome } from '../shared/Layout.js';

const WINDOW_NAMES: Record<RankingWindow, string> = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days' };

export interface RankingPageProps {
  chrome: PageChrome;
  lists: RankingList[];
  section: Section | null;
  sections: Section[];
}

const viewsLabel = (n: number) => (n === 1 ? '1 view' : `${n.toLocaleString('en-US')} views`);

export const RankingPage = ({ chrome, lists, section, sections }: RankingPageProps) => {
  const title = section ? `Most read in ${section.name}` : `${chrome.settings.shortName} Access Ranking`;
  return (
    <Layout
      chrome={chrome}
      title={`${title} | ${chrome.settings.publicationName}`}
      description={`What readers of ${chrome.settings.publicationName} are reading now.`}
      canonicalPath={section ? `/ranking/?section=${section.slug}` : '/ranking/'}
    >
      <div class="ranking-page">
        <h1>{title}</h1>
        <nav class="subsection-nav" aria-label="Ranking by section">
          <ul>
            <li>
              <a href="/ranking/" aria-current={section === null ? 'page' : undefined}>
                All sections
              </a>
            </li>
            {sections.map((s) => (
              <li>
                <a href={`/ranking/?section=${s.slug}`} aria-current={section?.id === s.id ? 'page' : undefined}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="ranking-lists">
          {lists.map((list) => (
            <section class="headline-box" aria-labelledby={`rank-${list.window}`}>
              <h2 id={`rank-${list.window}`}>{WINDOW_NAMES[list.window]}</h2>
              {list.entries.length > 0 ? (
                <ol>
                  {list.entries.map((e) => (
                    <li>
                      <span>
                        <a href={e.article.path}>{e.article.headline}</a>
                        <span class="ranking-views"> {viewsLabel(e.views)}</span>
                      </span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p class="empty">No views counted in this period yet.</p>
              )}
            </section>
          ))}
        </div>
      </div>
    </Layout>
  );
};
