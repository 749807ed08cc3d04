import type { ArticleSummary } from '../../domain/article.js';
import type { SiteSettings } from '../../domain/settings.js';
import { TopArticlesBox } from './TopArticlesBox.js';

/** The site-wide "{short name} ACCESS RANKING" box and the way on to every ranking; nothing while it is empty. */
export const AccessRankingBox = ({ settings, articles }: { settings: SiteSettings; articles: ArticleSummary[] }) =>
  articles.length === 0 ? null : (
    <>
      <TopArticlesBox title={`${settings.shortName} ACCESS RANKING`} articles={articles} numbered />
      <p class="box-more">
        <a href="/ranking/">More rankings</a>
      </p>
    </>
  );
