import type { ArticleSummary } from '../../domain/article.js';
import { editionWords, type ChromeEdition } from '../shared/edition-chrome.js';
import { TopArticlesBox } from './TopArticlesBox.js';

/**
 * The edition's "{short name} ACCESS RANKING" box (its wording an edition setting) and the way on to every ranking;
 * nothing while it is empty.
 */
export const AccessRankingBox = ({ chrome, articles }: { chrome: ChromeEdition; articles: ArticleSummary[] }) => {
  if (articles.length === 0) return null;
  const words = editionWords(chrome);
  return (
    <>
      <TopArticlesBox title={words.rankingHeading} articles={articles} numbered />
      <p class="box-more">
        <a href={words.path('/ranking/')}>{words.labels.moreRankings}</a>
      </p>
    </>
  );
};
