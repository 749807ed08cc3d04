import type { ArticleSummary } from '../../domain/article.js';
import type { ReaderSettings } from '../shared/edition-chrome.js';
import { Time } from '../shared/Time.js';

interface TopArticlesBoxProps {
  title: string;
  articles: ArticleSummary[];
  /** Ranking boxes number their entries; "Top Articles" lists do not. */
  numbered?: boolean;
  /** Given, each headline is followed by its publication time in the site's zone (the home page's Latest list). */
  timesIn?: ReaderSettings;
}

/** A side box of headlines, as at the foot of the reference page. */
export const TopArticlesBox = ({ title, articles, numbered, timesIn }: TopArticlesBoxProps) => {
  if (articles.length === 0) return null;
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  // A title with no Latin letter or digit ("新着記事") is named by its characters' code points, so two boxes differ.
  const id = /[a-z0-9]/.test(slug)
    ? `box-${slug}`
    : `box-${[...title].map((c) => c.codePointAt(0)!.toString(36)).join('')}`;
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
