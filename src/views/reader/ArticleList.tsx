import type { ArticleSummary } from '../../domain/article.js';
import type { ReaderSettings } from '../shared/edition-chrome.js';
import { Themed } from '../shared/Themed.js';
import { TeaserCard } from './TeaserCard.js';

interface ArticleListProps {
  articles: ArticleSummary[];
  settings: ReaderSettings;
  /** Heading level of each item's headline, so the outline stays correct wherever the list sits. */
  headingLevel: 2 | 3;
  showSection?: boolean;
}

/** The teaser list of fronts and the home page: thumbnail, headline, date, standfirst. */
export const ArticleList = ({ articles, settings, headingLevel, showSection }: ArticleListProps) => {
  return (
    <ul class="teasers">
      {articles.map((a) => (
        <Themed name="TeaserCard" Default={TeaserCard} props={{ article: a, settings, headingLevel, showSection }} />
      ))}
    </ul>
  );
};
