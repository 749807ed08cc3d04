import type { ArticleSummary } from '../../domain/article.js';
import type { SiteSettings } from '../../domain/settings.js';
import { Time } from '../shared/Time.js';

interface TopArticlesBoxProps {
  title: string;
  articles: ArticleSummary[];
  /** Ranking boxes number their entries; "Top Articles" lists do not. */
  numbered?: boolean;
  /** Given, each headline is followed by its publication time in the site's zone (the home page's Latest list). */
  timesIn?: SiteSettings;
}

/** A side box of headlines, as at the foot of the reference page. */
export const TopArticlesBox = ({ title, articles, numbered, timesIn }: TopArticlesBoxProps) => {
  if (articles.length === 0) return null;
  const id = `box-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const items = articles.map((a) => (
    <li>
      <a href={a.path}>{a.headline}</a>
      {timesIn ? (
        <span class="box-time">
          {' '}
          <Time instant={a.publishedAt} settings={timesIn} style="dateline" />
        </span>
      ) : null}
    </li>
  ));
  return (
    <section class="headline-box" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {numbered ? <ol>{items}</ol> : <ul>{items}</ul>}
    </section>
  );
};
