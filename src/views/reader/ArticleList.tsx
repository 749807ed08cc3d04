import type { ArticleSummary } from '../../domain/article.js';
import type { ReaderSettings } from '../shared/edition-chrome.js';
import { Picture } from '../shared/Picture.js';
import { Time } from '../shared/Time.js';

interface ArticleListProps {
  articles: ArticleSummary[];
  settings: ReaderSettings;
  /** Heading level of each item's headline, so the outline stays correct wherever the list sits. */
  headingLevel: 2 | 3;
  showSection?: boolean;
}

/** The teaser list of fronts and the home page: thumbnail, headline, date, standfirst. */
export const ArticleList = ({ articles, settings, headingLevel, showSection }: ArticleListProps) => {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="teasers">
      {articles.map((a) => (
        <li class="teaser">
          {a.thumbnail ? (
            <a class="teaser-image" href={a.path} tabIndex={-1} aria-hidden="true">
              <Picture
                photo={{ ...a.thumbnail, alt: '' }}
                sizes="(min-width: 40rem) 12rem, 33vw"
                width={400}
                maxWidth={400}
              />
            </a>
          ) : null}
          <div class="teaser-text">
            <H class="teaser-headline">
              <a href={a.path}>{a.headline}</a>
            </H>
            <p class="teaser-meta">
              {showSection ? <span class="teaser-section">{a.sectionName} · </span> : null}
              <Time instant={a.publishedAt} settings={settings} style="date" />
            </p>
            {a.standfirst ? <p class="teaser-standfirst">{a.standfirst}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
};
